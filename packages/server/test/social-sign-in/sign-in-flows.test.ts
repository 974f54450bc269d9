/**
 * Social sign-in and sign-up over HTTP, against real local providers (oidc-provider as Google,
 * a GitHub-speaking server as GitHub):
 * - an unknown provider account turns into a sign-up in one request (`transfer`), and signs in
 *   again afterwards with the account it connected;
 * - linking follows the named rules: a verified provider email joins the user with that
 *   verified email; an unverified one (or a user's unverified address) needs an email code,
 *   and then the user that never proved the address loses the password it set;
 * - a sign-up for an existing account turns into a sign-in (`transfer`); a required field the
 *   provider did not give (a username) is all the transferred sign-up still asks for;
 * - GitHub's `/user/emails` verified flag decides, PKCE is sent, and the Backend API reads
 *   the provider token.
 * @see issue 14 (social sign-in)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, PASSWORD, uniqueEmail } from '../fixtures/flows.ts';
import { codeIn } from '../fixtures/server.ts';
import { CALLBACK_PAGE, DONE_PAGE, type SocialWorld, socialRoundTrip, startSocialWorld } from './social-fixture.ts';

let world: SocialWorld;
const ada = {
  sub: 'google-ada',
  email: uniqueEmail('ada'),
  email_verified: true,
  given_name: 'Ada',
  family_name: 'Lovelace',
};
const grace = { sub: 'google-grace', email: uniqueEmail('grace'), email_verified: true, given_name: 'Grace' };
const mallory = { sub: 'google-mallory', email: uniqueEmail('victim'), email_verified: false };
const claimer = { sub: 'google-claimer', email: uniqueEmail('claimed'), email_verified: true };
const nameless = { sub: 'google-nameless', email: uniqueEmail('nameless'), email_verified: true };
const linus = {
  id: 4242,
  login: 'linus',
  name: 'Linus Torvalds',
  emails: [
    { email: uniqueEmail('linus-unverified'), primary: false, verified: false },
    { email: uniqueEmail('linus'), primary: true, verified: true },
  ],
};

beforeAll(async () => {
  world = await startSocialWorld([ada, grace, mallory, claimer, nameless], [linus]);
});
afterAll(() => world.close());

describe('social sign-in with an OpenID Connect provider (Google)', () => {
  it('turns an unknown account into a sign-up in one request, then signs in again with it', async () => {
    const { server, idp } = world;
    const browser = server.browser();
    idp.nextLogin({ accountId: ada.sub });
    const first = await socialRoundTrip(server, browser, 'oauth_google', 'sign_ins', {
      action_complete_redirect_url: DONE_PAGE,
    });
    // Not complete: back to the callback page, not the final one.
    expect(first.back.status).toBe(303);
    expect(first.back.headers.get('location')).toBe(CALLBACK_PAGE);
    expect(first.signIn.first_factor_verification).toMatchObject({
      status: 'transferable',
      strategy: 'oauth_google',
      error: { code: 'external_account_not_found' },
    });

    const transferred = await browser.post('/v1/client/sign_ups', { transfer: true });
    expect(transferred.status, JSON.stringify(transferred.body)).toBe(200);
    const signUp = transferred.body.response;
    expect(signUp).toMatchObject({
      status: 'complete',
      email_address: ada.email,
      first_name: 'Ada',
      password_enabled: false,
    });
    expect(signUp.required_fields).not.toContain('password');
    const user = (await server.backend.get(`/v1/users/${signUp.created_user_id}`)).body;
    expect(user.email_addresses[0]).toMatchObject({ email_address: ada.email, verification: { status: 'verified' } });
    expect(user.external_accounts).toEqual([
      expect.objectContaining({
        object: 'external_account',
        provider: 'oauth_google',
        provider_user_id: ada.sub,
        email_address: ada.email,
        first_name: 'Ada',
        last_name: 'Lovelace',
        verification: expect.objectContaining({ status: 'verified', strategy: 'oauth_google' }),
      }),
    ]);
    expect(JSON.stringify(user)).not.toMatch(/access_token|refresh_token|id_token/);

    // Another browser: the connected account signs straight in, and the callback goes to the final page.
    const again = server.browser();
    idp.nextLogin({ accountId: ada.sub });
    const second = await socialRoundTrip(server, again, 'oauth_google', 'sign_ins', {
      action_complete_redirect_url: DONE_PAGE,
    });
    expect(second.back.headers.get('location')).toBe(DONE_PAGE);
    expect(second.client.sign_in).toBeNull();
    const session = second.client.sessions.find((s: { id: string }) => s.id === second.client.last_active_session_id);
    expect(session.user.id).toBe(signUp.created_user_id);
    expect(session.latest_activity).toBeTruthy();
  });

  it('links to an existing user whose verified email the provider verified too, and signs in', async () => {
    const { server, idp } = world;
    const existing = await createUser(server, grace.email);
    idp.nextLogin({ accountId: grace.sub });
    const { client } = await socialRoundTrip(server, server.browser(), 'oauth_google');
    expect(client.sign_in).toBeNull();
    expect(client.sessions[0].user.id).toBe(existing.userId);
    const user = (await server.backend.get(`/v1/users/${existing.userId}`)).body;
    expect(user.external_accounts.map((a: { provider_user_id: string }) => a.provider_user_id)).toEqual([grace.sub]);
    expect(user.password_enabled).toBe(true);
  });

  it('asks for an email code before linking a provider email the provider did not verify', async () => {
    const { server, idp } = world;
    const victim = await createUser(server, mallory.email);
    const browser = server.browser();
    idp.nextLogin({ accountId: mallory.sub });
    const { signIn } = await socialRoundTrip(server, browser, 'oauth_google');
    expect(signIn.status).toBe('needs_first_factor');
    expect(signIn.supported_first_factors.map((f: { strategy: string }) => f.strategy)).toEqual(['email_code']);
    // Nothing linked yet, and no password can be tried instead of the code.
    expect((await server.backend.get(`/v1/users/${victim.userId}`)).body.external_accounts).toEqual([]);
    const withPassword = await browser.post(`/v1/client/sign_ins/${signIn.id}/attempt_first_factor`, {
      strategy: 'password',
      password: PASSWORD,
    });
    expect(withPassword.status).toBe(422);
    expect(withPassword.body.errors[0].code).toBe('strategy_for_user_invalid');

    const prepared = await browser.post(`/v1/client/sign_ins/${signIn.id}/prepare_first_factor`, {
      strategy: 'email_code',
    });
    expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
    const code = codeIn(await server.lastDevEmail(mallory.email));
    const done = await browser.post(`/v1/client/sign_ins/${signIn.id}/attempt_first_factor`, {
      strategy: 'email_code',
      code,
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.response.status).toBe('complete');
    const user = (await server.backend.get(`/v1/users/${victim.userId}`)).body;
    expect(user.external_accounts).toEqual([
      expect.objectContaining({ provider_user_id: mallory.sub, provider: 'oauth_google' }),
    ]);
  });

  it('never links silently to a user whose own address is unverified; after the code, that user keeps no password', async () => {
    const { server, idp } = world;
    // The instance does not verify at sign-up: someone signed up with an address they never proved.
    await server.backend.patch('/v1/instance/settings', { auth: { email_address: { verify_at_sign_up: false } } });
    const squatter = server.browser();
    const created = await squatter.post('/v1/client/sign_ups', { email_address: claimer.email, password: PASSWORD });
    await server.backend.patch('/v1/instance/settings', { auth: { email_address: { verify_at_sign_up: null } } });
    expect(created.body.response.status).toBe('complete');
    const userId = created.body.response.created_user_id;

    const owner = server.browser();
    idp.nextLogin({ accountId: claimer.sub });
    const { signIn } = await socialRoundTrip(server, owner, 'oauth_google');
    expect(signIn.status).toBe('needs_first_factor');
    await owner.post(`/v1/client/sign_ins/${signIn.id}/prepare_first_factor`, { strategy: 'email_code' });
    const code = codeIn(await server.lastDevEmail(claimer.email));
    const done = await owner.post(`/v1/client/sign_ins/${signIn.id}/attempt_first_factor`, {
      strategy: 'email_code',
      code,
    });
    expect(done.body.response.status).toBe('complete');

    const user = (await server.backend.get(`/v1/users/${userId}`)).body;
    expect(user.password_enabled).toBe(false);
    expect(user.email_addresses[0].verification.status).toBe('verified');
    expect(user.external_accounts).toHaveLength(1);
    // The squatter's session ended with the password.
    const squatterClient = (await squatter.get('/v1/client')).body.response;
    expect(squatterClient.sessions).toEqual([]);
  });
});

describe('social sign-up with an OAuth 2.0 provider (GitHub)', () => {
  it('signs up from the sign-up form with the verified address of /user/emails, sending PKCE', async () => {
    const { server, github } = world;
    const browser = server.browser();
    const before = github.requests.length;
    const {
      back,
      signUp: pending,
      client,
    } = await socialRoundTrip(server, browser, 'oauth_github', 'sign_ups', {
      action_complete_redirect_url: DONE_PAGE,
    });
    expect(pending).toBeNull();
    expect(back.headers.get('location')).toBe(DONE_PAGE);
    const userId = client.sessions[0].user.id;
    const user = (await server.backend.get(`/v1/users/${userId}`)).body;
    expect(user.email_addresses.map((e: { email_address: string }) => e.email_address)).toEqual([
      linus.emails[1]!.email,
    ]);
    expect(user.external_accounts[0]).toMatchObject({
      provider: 'oauth_github',
      provider_user_id: '4242',
      username: 'linus',
    });
    const authorize = github.requests.slice(before).find((r) => r.path.startsWith('/login/oauth/authorize'));
    expect(authorize?.query.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize?.query.code_challenge_method).toBe('S256');
    const exchange = github.requests.slice(before).find((r) => r.path === '/login/oauth/access_token');
    expect(exchange?.body?.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);

    const tokens = await server.backend.get(`/v1/users/${userId}/oauth_access_tokens/oauth_github`);
    expect(tokens.status).toBe(200);
    expect(tokens.body).toEqual([
      expect.objectContaining({ object: 'oauth_access_token', provider: 'oauth_github', provider_user_id: '4242' }),
    ]);
    // The token works at the provider, exactly as the app would use it.
    const me = await fetch(`${github.apiUrl}/user`, { headers: { authorization: `Bearer ${tokens.body[0].token}` } });
    expect(((await me.json()) as { login: string }).login).toBe('linus');
    // Stored sealed: the database never holds the token in the clear.
    const rows = await server.runtime.database.db
      .selectFrom('external_accounts')
      .select('access_token')
      .where('provider', '=', 'oauth_github')
      .execute();
    expect(rows[0]?.access_token).not.toContain(tokens.body[0].token);
  });

  it('turns a sign-up for an existing account into a sign-in (transfer)', async () => {
    const { server } = world;
    // linus signed up in the test above; a new browser tries to sign up again.
    const browser = server.browser();
    const { signUp: pending } = await socialRoundTrip(server, browser, 'oauth_github', 'sign_ups');
    expect(pending.verifications.external_account).toMatchObject({
      status: 'transferable',
      error: { code: 'external_account_exists' },
    });
    const r = await browser.post('/v1/client/sign_ins', { transfer: true });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.response.status).toBe('complete');
  });
});

describe('what the provider did not give', () => {
  it('a required username: the transferred sign-up is missing_requirements for it alone, then completes', async () => {
    const { server, idp } = world;
    const patch = (required: boolean) =>
      server.backend.patch('/v1/instance/settings', { auth: { username: { enabled: required, required } } });
    expect((await patch(true)).status).toBe(200);
    try {
      const browser = server.browser();
      idp.nextLogin({ accountId: nameless.sub });
      await socialRoundTrip(server, browser, 'oauth_google');
      const transferred = await browser.post('/v1/client/sign_ups', { transfer: true });
      expect(transferred.status, JSON.stringify(transferred.body)).toBe(200);
      const signUp = transferred.body.response;
      expect(signUp).toMatchObject({
        status: 'missing_requirements',
        email_address: nameless.email,
        missing_fields: ['username'],
      });
      expect(signUp.unverified_fields).toEqual([]);
      expect(signUp.created_session_id).toBeNull();

      const done = await browser.patch(`/v1/client/sign_ups/${signUp.id}`, { username: 'nameless_42' });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.body.response).toMatchObject({ status: 'complete', username: 'nameless_42' });
      const user = (await server.backend.get(`/v1/users/${done.body.response.created_user_id}`)).body;
      expect(user.external_accounts[0]).toMatchObject({ provider: 'oauth_google', provider_user_id: nameless.sub });
    } finally {
      await patch(false);
    }
  });
});
