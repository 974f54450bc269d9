// @vitest-environment happy-dom
/**
 * Social sign-in in <SignIn>, <SignUp> and <UserProfile> against a real server whose GitHub
 * provider points at a local GitHub (the server suite's fixture); the test plays the browser's
 * provider leg (GitHub's authorization page, then the Frontend API's callback), then renders the component on
 * its `#/sso-callback` sub-route as the page the browser comes back to would:
 * - the provider buttons follow the instance's order, each named, with an inline SVG mark and
 *   no image request, above an "or" divider, on <SignIn> and <SignUp>;
 * - a click creates the sign-in with the component's callback and completion URLs and sends
 *   the browser to the authorization URL the server answered;
 * - an unknown GitHub account signs up from <SignIn> (the transfer) and lands signed in;
 * - a provider refusal shows its localized message (English and French);
 * - a provider email that is not verified, matching a user, asks for the emailed code (the
 *   sign-in's code step), then signs in with the account linked;
 * - a provider that gave no email: <SignUp> asks only for the missing email address;
 * - <UserProfile> connects an account from its menu, lists it, removes it, and shows the
 *   server's refusal to remove a user's only way to sign in.
 */
import { type Gatehouse, memoryTokenStore } from '@gatehouse/js';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GitHubUser as GitHubAccount } from '../../server/test/fixtures/oauth/github-server.ts';
import { AuthenticateWithRedirectCallback, frFR, SignIn, SignUp, UserProfile } from '../src/index.ts';
import { newGatehouse, renderWith } from './helpers.tsx';
import { PASSWORD, type RemoteServer, startRemoteServer, uniqueEmail } from './remote-server.ts';

let server: RemoteServer;
const ORIGIN = 'http://localhost:3000';

beforeAll(async () => {
  server = await startRemoteServer();
  const patched = await server.backend('PATCH', '/v1/instance/settings', {
    social: {
      providers: {
        github: { enabled: true, client_id: 'gh-client', client_secret: 'gh-secret' },
        google: { enabled: true, client_id: 'google-client', client_secret: 'google-secret' },
      },
      custom: {
        acme: {
          enabled: true,
          name: 'Acme SSO',
          client_id: 'acme-client',
          client_secret: 'acme-secret',
          authorization_url: 'https://id.acme.test/authorize',
          token_url: 'https://id.acme.test/token',
          userinfo_url: 'https://id.acme.test/userinfo',
        },
      },
      order: ['oauth_github', 'oauth_custom_acme', 'oauth_google'],
    },
  });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
}, 120_000);
afterAll(() => server.close());
afterEach(() => window.history.replaceState(null, '', '/'));

/** A browser's SDK: its client token kept where the test can read it, its navigations recorded. */
function browser() {
  const store = memoryTokenStore();
  const navigations: string[] = [];
  const created: Record<string, string>[] = [];
  /** The `external_verification_redirect_url`s the server answered connects with. */
  const connectUrls: string[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    if (init?.method === 'POST' && /^\/v1\/client\/sign_(ins|ups)$/.test(url.pathname))
      created.push(Object.fromEntries(new URLSearchParams(String(init.body ?? ''))));
    const res = await globalThis.fetch(input, init);
    if (init?.method !== 'POST' || url.pathname !== '/v1/me/external_accounts' || !res.ok) return res;
    // Read once and answered again: the SDK reads the same body.
    const text = await res.text();
    const body = JSON.parse(text) as { response: { verification: { external_verification_redirect_url: string } } };
    connectUrls.push(body.response.verification.external_verification_redirect_url);
    return new Response(text, { status: res.status, headers: res.headers });
  };
  /** A new page load on this browser (the same client), e.g. back from the provider. */
  const page = (): Gatehouse =>
    newGatehouse(server, {
      clientTokenStorage: store,
      navigate: (url) => void navigations.push(url),
      fetch: recordingFetch,
    });
  return { store, navigations, created, connectUrls, page };
}

type Browser = ReturnType<typeof browser>;

/** The provider answers the last round trip this browser was sent on; the page comes back to the callback. */
async function comeBack(b: Browser, answer: { code: string } | { error: string }): Promise<string> {
  const authorizationUrl = b.navigations.at(-1);
  expect(authorizationUrl).toBeDefined();
  const back = await server.oauthCallback(authorizationUrl!, (await b.store.get())!, answer);
  expect(back.status, JSON.stringify(back.body)).toBe(303);
  if (back.clientToken) await b.store.set(back.clientToken.replace(/^Bearer\s+/i, ''));
  const target = new URL(back.location!);
  window.history.replaceState(null, '', `${target.pathname}${target.search}${target.hash}`);
  return back.location!;
}

const github = (id: number, email: string | null, verified = true): GitHubAccount => ({
  id,
  login: `octo${id}`,
  name: 'Octo Cat',
  emails: email ? [{ email, verified, primary: true }] : [],
});

let nextGitHubId = 1000;
const socialButtons = () => screen.getAllByRole('button', { name: /^Continue with / });

/** Signs up on this browser with a new GitHub account (from <SignIn>); the signed-in page. */
async function signUpWithGitHub(b: Browser, email: string): Promise<Gatehouse> {
  renderWith(b.page(), <SignIn />);
  fireEvent.click(await screen.findByRole('button', { name: 'Continue with GitHub' }));
  await waitFor(() => expect(b.navigations.length).toBeGreaterThan(0));
  const code = `code-${++nextGitHubId}`;
  await server.githubAccount(code, github(nextGitHubId, email));
  await comeBack(b, { code });
  cleanup();
  const back = b.page();
  const done: string[] = [];
  renderWith(back, <SignIn afterSignIn={({ sessionId }) => void done.push(sessionId)} />);
  await waitFor(() => expect(done).toHaveLength(1));
  cleanup();
  return back;
}

/** Signs up on this browser with an email, a password and the mailed code; the signed-in page. */
async function signUpWithPassword(b: Browser, email: string): Promise<Gatehouse> {
  const g = b.page();
  await g.load();
  const created = await g.signUp.create({ emailAddress: email, password: PASSWORD });
  await created.prepareEmailAddressVerification();
  const done = await created.attemptEmailAddressVerification({ code: await server.lastCode(email) });
  await g.setActive({ session: done.createdSessionId });
  return g;
}

/** The profile's "Connected accounts" section. */
const connectedSection = async () =>
  within((await screen.findByRole('heading', { name: 'Connected accounts' })).closest('section') as HTMLElement);

describe('provider buttons', () => {
  it('show in the configured order with their names and inline marks, no image, above an "or" divider', async () => {
    const { container } = renderWith(newGatehouse(server), <SignIn />);
    await screen.findByRole('heading', { name: 'Sign in to My application' });
    const buttons = socialButtons();
    expect(buttons.map((b) => b.textContent)).toEqual([
      'Continue with GitHub',
      'Continue with Acme SSO',
      'Continue with Google',
    ]);
    for (const b of buttons) expect(b.querySelector('svg[aria-hidden="true"] path')).not.toBeNull();
    // No image is loaded from anywhere: the marks are inline.
    expect(container.querySelector('img, image, [src], [href^="http"]:not(a)')).toBeNull();
    const divider = screen.getByText('or');
    const form = container.querySelector('form')!;
    expect(buttons.at(-1)!.compareDocumentPosition(divider) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(divider.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('show on <SignUp> too, in French with frFR', async () => {
    renderWith(newGatehouse(server), <SignUp />, { localization: frFR });
    await screen.findByRole('heading', { name: 'Créez votre compte' });
    expect(screen.getAllByRole('button', { name: /^Continuer avec / }).map((b) => b.textContent)).toEqual([
      'Continuer avec GitHub',
      'Continuer avec Acme SSO',
      'Continuer avec Google',
    ]);
    expect(screen.getByText('ou')).toBeTruthy();
  });
});

describe('<SignIn> with a provider', () => {
  it('a click creates the sign-in with the callback and completion URLs, then goes to the answered authorization URL', async () => {
    const b = browser();
    const gatehouse = b.page();
    renderWith(gatehouse, <SignIn redirectUrl="/dashboard" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Continue with GitHub' }));
    await waitFor(() => expect(b.navigations).toHaveLength(1));
    expect(b.created).toEqual([
      {
        strategy: 'oauth_github',
        redirect_url: `${ORIGIN}/#/sso-callback`,
        action_complete_redirect_url: `${ORIGIN}/dashboard`,
      },
    ]);
    const answered = gatehouse.signIn.firstFactorVerification?.externalVerificationRedirectURL;
    expect(answered).toBeTruthy();
    expect(b.navigations[0]).toBe(answered!.href);
    const to = new URL(b.navigations[0]!);
    expect(to.pathname).toBe('/login/oauth/authorize');
    expect(to.searchParams.get('client_id')).toBe('gh-client');
    expect(to.searchParams.get('redirect_uri')).toBe(`${server.url}/v1/oauth_callback`);
    expect(to.searchParams.get('state')).toBeTruthy();
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
  });

  it('an unknown GitHub account signs up from <SignIn> and lands signed in with the account connected', async () => {
    const b = browser();
    renderWith(b.page(), <SignIn />);
    fireEvent.click(await screen.findByRole('button', { name: 'Continue with GitHub' }));
    await waitFor(() => expect(b.navigations).toHaveLength(1));
    const email = uniqueEmail('octo-new');
    await server.githubAccount('code-new', github(++nextGitHubId, email));
    expect(await comeBack(b, { code: 'code-new' })).toBe(`${ORIGIN}/#/sso-callback`);
    cleanup();

    // The page the browser comes back to: a new load on the same client, at the callback.
    const back = b.page();
    const done: string[] = [];
    renderWith(back, <SignIn afterSignIn={({ sessionId }) => void done.push(sessionId)} />);
    await waitFor(() => expect(done).toHaveLength(1));
    expect(back.session?.id).toBe(done[0]);
    expect(back.user?.primaryEmailAddress?.emailAddress).toBe(email);
    expect(back.user?.externalAccounts.map((a) => [a.provider, a.emailAddress])).toEqual([['github', email]]);
    expect(b.created.at(-1)).toEqual({ transfer: 'true' });
    expect(window.location.hash).toBe('');
  });

  it.each([
    ['English', undefined, 'You cancelled signing in with the provider, or it refused access.'],
    ['French', frFR, 'Vous avez annulé la connexion avec le fournisseur, ou il a refusé l’accès.'],
  ])('a provider refusal shows its message (%s)', async (_, localization, message) => {
    const b = browser();
    renderWith(b.page(), <SignIn />, localization ? { localization } : {});
    fireEvent.click(await screen.findByRole('button', { name: /^(Continue with|Continuer avec) GitHub$/ }));
    await waitFor(() => expect(b.navigations).toHaveLength(1));
    await comeBack(b, { error: 'access_denied' });
    cleanup();

    renderWith(b.page(), <SignIn />, localization ? { localization } : {});
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(message);
    // The form is back, ready for another try.
    expect(screen.getAllByRole('button', { name: /GitHub/ }).length).toBeGreaterThan(0);
  });

  it('an unverified provider email matching a user asks for the emailed code, then signs in with GitHub linked', async () => {
    const email = uniqueEmail('octo-link');
    const created = await server.backend('POST', '/v1/users', { email_address: [email], password: PASSWORD });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const b = browser();
    renderWith(b.page(), <SignIn />);
    fireEvent.click(await screen.findByRole('button', { name: 'Continue with GitHub' }));
    await waitFor(() => expect(b.navigations).toHaveLength(1));
    await server.githubAccount('code-link', github(++nextGitHubId, email, false));
    await comeBack(b, { code: 'code-link' });
    cleanup();

    const back = b.page();
    const done: string[] = [];
    renderWith(back, <SignIn afterSignIn={({ sessionId }) => void done.push(sessionId)} />);
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
    expect(screen.getByText(`We sent a 6-digit code to ${email[0]}***@example.com.`)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Verification code'), { target: { value: await server.lastCode(email) } });
    await waitFor(() => expect(done).toHaveLength(1));
    expect(back.user?.externalAccounts.map((a) => a.provider)).toEqual(['github']);
  });
});

describe('<SignUp> with a provider', () => {
  it('a provider that gave no email: only the email address is asked for, then its code', async () => {
    const b = browser();
    renderWith(b.page(), <SignUp />);
    fireEvent.click(await screen.findByRole('button', { name: 'Continue with GitHub' }));
    await waitFor(() => expect(b.navigations).toHaveLength(1));
    expect(b.created[0]).toMatchObject({ strategy: 'oauth_github', redirect_url: `${ORIGIN}/#/sso-callback` });
    await server.githubAccount('code-noemail', github(++nextGitHubId, null));
    await comeBack(b, { code: 'code-noemail' });
    cleanup();

    const back = b.page();
    const done: string[] = [];
    renderWith(back, <SignUp afterSignIn={({ sessionId }) => void done.push(sessionId)} />);
    expect(await screen.findByRole('heading', { name: 'Fill in missing fields' })).toBeTruthy();
    expect(screen.queryByLabelText('Password')).toBeNull();
    const email = uniqueEmail('octo-noemail');
    fireEvent.change(screen.getByLabelText('Email address'), { target: { value: email } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { name: 'Verify your email' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Verification code'), { target: { value: await server.lastCode(email) } });
    await waitFor(() => expect(done).toHaveLength(1));
    expect(back.user?.externalAccounts.map((a) => a.provider)).toEqual(['github']);
  });
});

describe('<AuthenticateWithRedirectCallback>', () => {
  /** The app starts the round trip itself, with its own callback page. */
  async function startFromApp(b: Browser) {
    const g = b.page();
    await g.load();
    await g.signIn.authenticateWithRedirect({
      strategy: 'oauth_github',
      redirectUrl: '/sso-callback',
      redirectUrlComplete: '/welcome',
    });
    expect(b.created.at(-1)).toMatchObject({
      redirect_url: `${ORIGIN}/sso-callback`,
      action_complete_redirect_url: `${ORIGIN}/welcome`,
    });
  }

  it('carries on from the callback page: the transfer to a sign-up, then to redirectUrlComplete', async () => {
    const b = browser();
    await startFromApp(b);
    const code = `code-${++nextGitHubId}`;
    await server.githubAccount(code, github(nextGitHubId, uniqueEmail('octo-app')));
    expect(await comeBack(b, { code })).toBe(`${ORIGIN}/sso-callback`);
    const back = b.page();
    renderWith(back, <AuthenticateWithRedirectCallback redirectUrlComplete="/welcome" />);
    await waitFor(() => expect(b.navigations.at(-1)).toBe('/welcome'));
    expect(back.isSignedIn).toBe(true);
  });

  it('shows a refusal with a way back to sign in', async () => {
    const b = browser();
    await startFromApp(b);
    await comeBack(b, { error: 'access_denied' });
    const navigated = b.navigations.length;
    renderWith(b.page(), <AuthenticateWithRedirectCallback signInUrl="/login" />);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'You cancelled signing in with the provider, or it refused access.',
    );
    expect(screen.getByRole('link', { name: 'Back to sign in' }).getAttribute('href')).toBe('/login');
    expect(b.navigations).toHaveLength(navigated);
  });
});

describe('<UserProfile> connected accounts', () => {
  it('connects GitHub from the menu, lists it with its email, and removes it', async () => {
    const b = browser();
    const email = uniqueEmail('connect');
    renderWith(await signUpWithPassword(b, email), <UserProfile />);
    let section = await connectedSection();
    expect(section.getByText('No connected accounts yet.')).toBeTruthy();
    fireEvent.click(section.getByRole('button', { name: 'Connect account' }));
    const menu = await section.findByRole('menu', { name: 'Providers to connect' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((m) => m.textContent),
    ).toEqual(['GitHub', 'Acme SSO', 'Google']);
    for (const item of within(menu).getAllByRole('menuitem')) expect(item.querySelector('svg')).not.toBeNull();
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'GitHub' }));
    await waitFor(() => expect(b.navigations).toHaveLength(1));
    expect(b.navigations[0]).toBe(b.connectUrls[0]);
    expect(new URL(b.navigations[0]!).pathname).toBe('/login/oauth/authorize');

    const octo = uniqueEmail('octo-connect');
    const code = `code-${++nextGitHubId}`;
    await server.githubAccount(code, github(nextGitHubId, octo));
    expect(await comeBack(b, { code })).toBe(`${ORIGIN}/`);
    cleanup();

    const back = b.page();
    renderWith(back, <UserProfile />);
    section = await connectedSection();
    const item = (await section.findByText('GitHub')).closest('li') as HTMLElement;
    expect(within(item).getByText(octo)).toBeTruthy();
    expect(item.querySelector('svg')).not.toBeNull();
    expect(within(item).queryByRole('button', { name: 'Reconnect GitHub' })).toBeNull();
    // Connected providers leave the menu.
    fireEvent.click(section.getByRole('button', { name: 'Connect account' }));
    expect(
      within(await section.findByRole('menu'))
        .getAllByRole('menuitem')
        .map((m) => m.textContent),
    ).toEqual(['Acme SSO', 'Google']);
    fireEvent.keyDown(section.getByRole('menu'), { key: 'Escape' });

    fireEvent.click(within(item).getByRole('button', { name: 'Remove GitHub' }));
    expect(await section.findByText('No connected accounts yet.')).toBeTruthy();
    expect(back.user?.externalAccounts).toEqual([]);
  });

  it('shows the server’s refusal to remove the only way to sign in', async () => {
    const b = browser();
    const email = uniqueEmail('octo-only');
    const gatehouse = await signUpWithGitHub(b, email);
    renderWith(gatehouse, <UserProfile />);
    const section = await connectedSection();
    const item = (await section.findByText('GitHub')).closest('li') as HTMLElement;
    expect(within(item).getByText(email)).toBeTruthy();
    fireEvent.click(within(item).getByRole('button', { name: 'Remove GitHub' }));
    expect((await section.findByRole('alert')).textContent).toBe(
      'This is your only way to sign in: add a password or another method before disconnecting it.',
    );
    expect(gatehouse.user?.externalAccounts).toHaveLength(1);
  });
});
