/**
 * Social sign-in end to end in Chromium, on the Account Portal's real build (its <SignIn> with
 * the provider buttons and its `#/sso-callback` sub-route, its <UserProfile>), with Google
 * played by a real OpenID Connect provider (oidc-provider) and GitHub by a GitHub-speaking
 * server; what the person does at each provider comes from the fixtures' queues, the browser
 * follows every redirect itself. Each test runs in a fresh browser context:
 * - an unknown Google account signs up from <SignIn> and lands signed in, with the session
 *   cookies set and the external account on the user;
 * - a password user whose GitHub email is verified signs in with GitHub: the accounts are linked;
 * - a GitHub email that is not verified, matching a user, asks for the emailed code first;
 * - consent denied at the provider: back on the sign-in page with the localized refusal, no session;
 * - <UserProfile> connects GitHub, then disconnects it.
 * @see issue 14 (social sign-in)
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUser, uniqueEmail } from '../packages/server/test/fixtures/flows.ts';
import {
  type SocialWorld,
  socialRoundTrip,
  startSocialWorld,
} from '../packages/server/test/social-sign-in/social-fixture.ts';
import { launchChromium, releaseChromium } from './fixtures/chromium.ts';
import { devMailCode, UI_TIMEOUT, visible } from './fixtures/example-app.ts';

const newcomer = { sub: 'google-newcomer', email: uniqueEmail('newcomer'), email_verified: true, given_name: 'Nia' };
const refuser = { sub: 'google-refuser', email: uniqueEmail('refuser'), email_verified: true };
const connector = { sub: 'google-connector', email: uniqueEmail('connector'), email_verified: true };
const warmUp = { sub: 'google-warm-up', email: uniqueEmail('warm-up'), email_verified: true };
const github = (id: number, email: string, verified: boolean) => ({
  id,
  login: `octo${id}`,
  name: 'Octo Cat',
  emails: [{ email, primary: true, verified }],
});
const linked = github(501, uniqueEmail('linked'), true);
const unverified = github(502, uniqueEmail('unverified'), false);
const connected = github(503, uniqueEmail('connected'), true);

let world: SocialWorld;
let portal: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cspViolations: string[];
/** The URLs the page's main frame committed to, in order (redirects through the providers commit nothing). */
let navigations: string[];

beforeAll(async () => {
  // While Chromium starts: one round trip over plain HTTP (a sign-in left at `transferable`,
  // nothing created), so the server's first-use costs do not land on the first test.
  const started = startSocialWorld([newcomer, refuser, connector, warmUp], [linked, unverified, connected]);
  const warm = started.then(async (w) => {
    w.idp.nextLogin({ accountId: warmUp.sub });
    await socialRoundTrip(w.server, w.server.browser(), 'oauth_google');
    return w;
  });
  [world, browser] = await Promise.all([warm, launchChromium()]);
  portal = world.server.url;
}, 60_000);
afterAll(async () => {
  await releaseChromium(browser);
  await world?.close();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  page = await context.newPage();
  cspViolations = [];
  navigations = [];
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) navigations.push(f.url());
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
});
afterEach(async () => {
  await context?.close();
  expect(cspViolations).toEqual([]);
});

/** The sessions the Frontend API knows for this browser, asked from the portal page (its cookies). */
const sessionsOfBrowser = () =>
  page.evaluate(async () => {
    const body = await (await fetch('/v1/client', { credentials: 'include' })).json();
    return ((body.response?.sessions ?? []) as { id: string; status: string; user: { id: string } }[]).map((s) => ({
      id: s.id,
      status: s.status,
      userId: s.user.id,
    }));
  });

const userById = async (id: string) => (await world.server.backend.get(`/v1/users/${id}`)).body;
const userByEmail = async (email: string) =>
  (await world.server.backend.get(`/v1/users?email_address=${encodeURIComponent(email)}`)).body[0];

/** Opens the portal's sign-in page and clicks the provider's button. */
async function continueWith(provider: 'Google' | 'GitHub'): Promise<void> {
  await page.goto(`${portal}/sign-in`);
  const button = page.getByRole('button', { name: `Continue with ${provider}` });
  await visible(button);
  await button.click();
}

/** Signed in: the portal's account page (its default destination after sign-in) shows the address. */
async function landsSignedIn(email: string): Promise<void> {
  await page.waitForURL(`${portal}/user`, { timeout: UI_TIMEOUT });
  await visible(page.getByText(email).first());
}

const connectedSection = (): Locator =>
  page.locator('section').filter({ has: page.getByRole('heading', { name: 'Connected accounts' }) });

describe('social sign-in in the browser', () => {
  it('signs up with Google from <SignIn>: the IdP, back, signed in, cookies set, the account connected', async () => {
    const { idp } = world;
    const from = idp.requests.length;
    idp.nextLogin({ accountId: newcomer.sub });
    await continueWith('Google');
    await landsSignedIn(newcomer.email);

    // The browser itself went through the provider's authorization and login interaction.
    const atIdp = idp.requests.slice(from).map((r) => r.path);
    expect(atIdp).toContain('/auth');
    expect(atIdp.some((p) => p.startsWith('/interaction/'))).toBe(true);
    // It came back to <SignIn>'s own callback sub-route, which left it for the account page.
    expect(navigations).toEqual([
      `${portal}/sign-in`,
      `${portal}/sign-in#/sso-callback`,
      `${portal}/sign-in`,
      `${portal}/user`,
    ]);

    const sessions = await sessionsOfBrowser();
    expect(sessions).toEqual([expect.objectContaining({ status: 'active' })]);
    const user = await userById(sessions[0]!.userId);
    expect(user.email_addresses[0]).toMatchObject({
      email_address: newcomer.email,
      verification: { status: 'verified' },
    });
    expect(user.external_accounts).toEqual([
      expect.objectContaining({ provider: 'oauth_google', provider_user_id: newcomer.sub }),
    ]);
    // The server's HttpOnly client cookie, and the session token the SDK keeps on the page's host.
    const cookies = await context.cookies(portal);
    expect(cookies.find((c) => c.name === '__client')).toMatchObject({ httpOnly: true });
    const jwt = cookies.find((c) => c.name === '__session')?.value ?? '';
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ sid: sessions[0]!.id, sub: user.id });
  });

  it('signs a password user in with GitHub, whose email GitHub verified: the accounts are linked', async () => {
    const existing = await createUser(world.server, linked.emails[0]!.email);
    world.github.nextLogin({ userId: linked.id });
    await continueWith('GitHub');
    await landsSignedIn(linked.emails[0]!.email);
    expect((await sessionsOfBrowser()).map((s) => s.userId)).toEqual([existing.userId]);
    const user = await userById(existing.userId);
    expect(user.password_enabled).toBe(true);
    expect(user.external_accounts).toEqual([
      expect.objectContaining({ provider: 'oauth_github', provider_user_id: String(linked.id) }),
    ]);
  });

  it('asks for the emailed code before linking a GitHub email GitHub did not verify', async () => {
    const email = unverified.emails[0]!.email;
    const existing = await createUser(world.server, email);
    world.github.nextLogin({ userId: unverified.id });
    await continueWith('GitHub');
    // Back on <SignIn>'s callback: its code step, for the user's own address.
    await visible(page.getByRole('heading', { name: 'Check your email' }));
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await sessionsOfBrowser()).toEqual([]);
    expect((await userById(existing.userId)).external_accounts).toEqual([]);

    await page.getByLabel('Verification code').fill(await devMailCode(world.server, email));
    await landsSignedIn(email);
    expect((await sessionsOfBrowser()).map((s) => s.userId)).toEqual([existing.userId]);
    expect((await userById(existing.userId)).external_accounts).toEqual([
      expect.objectContaining({ provider: 'oauth_github', provider_user_id: String(unverified.id) }),
    ]);
  });

  it('consent denied at the provider: back on the sign-in page with the localized refusal, and no session', async () => {
    const { server, idp } = world;
    // In French, so the message shown is the components' own text, not the server's English.
    const fr = await server.backend.patch('/v1/instance/settings', { account_portal: { localization: 'fr-FR' } });
    expect(fr.status, JSON.stringify(fr.body)).toBe(200);
    try {
      idp.nextLogin({ accountId: refuser.sub, consent: false });
      await page.goto(`${portal}/sign-in`);
      await page.getByRole('button', { name: 'Continuer avec Google' }).click();
      const alert = page.getByRole('alert');
      await visible(alert);
      expect(await alert.textContent()).toBe(
        'Vous avez annulé la connexion avec le fournisseur, ou il a refusé l’accès.',
      );
      // The callback sub-route was left: the sign-in page, its buttons ready for another try.
      expect(page.url()).toBe(`${portal}/sign-in`);
      await visible(page.getByRole('button', { name: 'Continuer avec Google' }));
      expect(await sessionsOfBrowser()).toEqual([]);
      expect(await userByEmail(refuser.email)).toBeUndefined();
    } finally {
      await server.backend.patch('/v1/instance/settings', { account_portal: { localization: null } });
    }
  });

  it('<UserProfile> connects GitHub, lists it, then disconnects it', async () => {
    const { idp, github: gh } = world;
    idp.nextLogin({ accountId: connector.sub });
    await continueWith('Google');
    await landsSignedIn(connector.email);

    const section = connectedSection();
    await visible(section.getByText('Google'));
    await section.getByRole('button', { name: 'Connect account' }).click();
    const menu = section.getByRole('menu', { name: 'Providers to connect' });
    await visible(menu);
    gh.nextLogin({ userId: connected.id });
    const from = gh.requests.length;
    await menu.getByRole('menuitem', { name: 'GitHub' }).click();

    // Through GitHub's authorization page and back to the account page, GitHub listed with its email.
    const item = connectedSection().getByRole('listitem').filter({ hasText: connected.emails[0]!.email });
    await visible(item);
    expect(new URL(page.url()).pathname).toBe('/user');
    expect(gh.requests.slice(from).some((r) => r.path === '/login/oauth/authorize')).toBe(true);
    const userId = (await sessionsOfBrowser())[0]!.userId;
    expect((await userById(userId)).external_accounts.map((a: { provider: string }) => a.provider).sort()).toEqual([
      'oauth_github',
      'oauth_google',
    ]);

    await item.getByRole('button', { name: 'Remove GitHub' }).click();
    await item.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await visible(connectedSection().getByText('Google'));
    expect((await userById(userId)).external_accounts.map((a: { provider: string }) => a.provider)).toEqual([
      'oauth_google',
    ]);
  });
});
