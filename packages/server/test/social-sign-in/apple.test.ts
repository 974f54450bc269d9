/**
 * Sign in with Apple against a local Apple-speaking IdP: its answer is a cross-site form POST,
 * sent here WITHOUT the `__client` cookie (SameSite=Lax keeps it home), and the sign-in still
 * completes: the POST consumes nothing and 303s to the GET, which the browser sends with its
 * cookie. The name comes from Apple's one-time `user` field, the email from the ID token
 * (private relay addresses included); the client secret is an ES256 JWT from the team's key,
 * and a key Apple does not know is refused; a cancel is `oauth_access_denied`.
 * @see issue 14 (social sign-in: Sign in with Apple)
 */
import { exportPKCS8, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OAuthDeploymentConfig } from '../../src/config/env.ts';
import { uniqueEmail } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import { type AppleIdp, startAppleIdp } from '../fixtures/oauth/apple-idp.ts';
import { followToFormPost } from '../fixtures/oauth/user-agent.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { authorizationUrlOf, CALLBACK_PAGE } from './social-fixture.ts';

const TEAM_ID = 'TEAM123456';
const KEY_ID = 'KEY987654A';
const CLIENT_ID = 'com.example.web';
const tim = {
  sub: '001234.3c1f6b1c9a3f4d0e8f1e2b3c4d5e6f70.1234',
  email: uniqueEmail('tim'),
  firstName: 'Tim',
  lastName: 'Apple',
};
const hidden = {
  sub: '001234.0f0e0d0c0b0a09080706050403020100.5678',
  email: uniqueEmail('hidden'),
  firstName: 'Hidden',
  lastName: 'Person',
  flags: 'string' as const,
};

const odd = {
  sub: '001234.aaaabbbbccccddddeeeeffff00001111.9999',
  email: uniqueEmail('odd'),
  firstName: 'Odd',
  lastName: 'One',
};

let server: TestServer;
let apple: AppleIdp;
let teamKey: string;

beforeAll(async () => {
  const key = await generateKeyPair('ES256', { extractable: true });
  teamKey = await exportPKCS8(key.privateKey);
  const oauth: OAuthDeploymentConfig = { baseUrls: {}, devCredentials: {} };
  server = await startServer({
    oauth,
    settings: {
      attack_protection: { rate_limits: { enabled: false } },
      social: {
        providers: {
          // SettingsPatch does not spell Apple's extra fields (instance-settings.ts adds them untyped).
          apple: { enabled: true, client_id: CLIENT_ID, ...{ team_id: TEAM_ID, key_id: KEY_ID, private_key: teamKey } },
        },
      },
    },
  });
  apple = await startAppleIdp({
    team: {
      teamId: TEAM_ID,
      keyId: KEY_ID,
      publicKey: key.publicKey,
      clients: [{ client_id: CLIENT_ID, redirect_uris: [`${server.url}/v1/oauth_callback`] }],
    },
    accounts: [tim, hidden, odd],
  });
  oauth.baseUrls.apple = apple.url;
});
afterAll(async () => {
  await server.close();
  await apple.close();
});

/**
 * Starts a social sign-in or sign-up in `browser`, lets Apple answer, and delivers Apple's form
 * POST the way a browser does after a cross-site page: with no cookie. Then follows the 303 in
 * `browser`, as its top-level GET navigation (which carries the Lax cookie).
 */
async function appleRoundTrip(
  browser: Browser,
  kind: 'sign_ins' | 'sign_ups' = 'sign_ins',
  tamper: (fields: Record<string, string>) => Record<string, string> = (f) => f,
) {
  const started = await browser.post(`/v1/client/${kind}`, { strategy: 'oauth_apple', redirect_url: CALLBACK_PAGE });
  const form = await followToFormPost(authorizationUrlOf(started), `${server.url}/v1/oauth_callback`);
  const crossSite = server.browser({ origin: 'https://appleid.apple.com' });
  const posted = await crossSite.post(form.action.slice(server.url.length), tamper(form.fields));
  expect(posted.status, JSON.stringify(posted.body)).toBe(303);
  const afterPost = (await browser.get('/v1/client')).body.response;
  const location = posted.headers.get('location') ?? '';
  const back = await browser.get(location.slice(server.url.length));
  const client = (await browser.get('/v1/client')).body.response;
  return { started, form, posted, afterPost, location, back, client, signIn: client.sign_in, signUp: client.sign_up };
}

const failure = (from: number) => {
  const line = server.logs.slice(from).find((l) => l.includes('oauth round trip failed'));
  return line ? JSON.parse(line) : null;
};

describe('Sign in with Apple', () => {
  it('the cookie-less form POST consumes nothing; its 303 to the GET completes the sign-up in the browser that started it', async () => {
    const browser = server.browser();
    apple.nextLogin({ sub: tim.sub });
    const logged = server.logs.length;
    const r = await appleRoundTrip(browser, 'sign_ups');
    expect(r.form.fields).toMatchObject({
      code: expect.any(String),
      state: expect.any(String),
      user: expect.any(String),
    });
    // The POST answered a redirect to the GET with the same parameters, set no cookie, and left the flow as it was.
    const to = new URL(r.location);
    expect(`${to.origin}${to.pathname}`).toBe(`${server.url}/v1/oauth_callback`);
    expect(Object.fromEntries(to.searchParams)).toEqual({
      code: r.form.fields.code,
      state: r.form.fields.state,
      user: r.form.fields.user,
    });
    expect(r.posted.headers.getSetCookie()).toEqual([]);
    expect(r.afterPost.sign_up.verifications.external_account.status).toBe('unverified');
    // The GET, with the cookie, finished it.
    expect(r.back.status).toBe(303);
    expect(r.back.headers.get('location')).toBe(CALLBACK_PAGE);
    expect(r.signUp, JSON.stringify(failure(logged))).toBeNull();
    expect(r.client.sessions).toHaveLength(1);
    // Neither the code nor the minted client secret reached a log line.
    const exchange = apple.requests.findLast((q) => q.path === '/auth/token');
    expect(exchange?.body?.client_secret).toMatch(/^eyJ/);
    const logs = server.logs.slice(logged).join('');
    expect(logs).not.toContain(r.form.fields.code);
    expect(logs).not.toContain(exchange?.body?.client_secret);
  });

  it('signs up with the name of the first authorization’s user field and the ID token’s verified email', async () => {
    // tim signed up in the test above: the account holds what Apple gave once.
    const users = (await server.backend.get(`/v1/users?email_address=${encodeURIComponent(tim.email)}`)).body;
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ first_name: 'Tim', last_name: 'Apple', password_enabled: false });
    expect(users[0].email_addresses[0]).toMatchObject({
      email_address: tim.email,
      verification: { status: 'verified' },
    });
    expect(users[0].external_accounts[0]).toMatchObject({
      provider: 'oauth_apple',
      provider_user_id: tim.sub,
      email_address: tim.email,
      first_name: 'Tim',
      last_name: 'Apple',
    });
    const authorize = apple.requests.find((q) => q.path === '/auth/authorize');
    expect(authorize?.query).toMatchObject({
      response_mode: 'form_post',
      scope: 'name email',
      code_challenge_method: 'S256',
      nonce: expect.any(String),
    });
  });

  it('signs in again without a user field (Apple sends it once) to the same user, names kept', async () => {
    const browser = server.browser();
    apple.nextLogin({ sub: tim.sub });
    const r = await appleRoundTrip(browser);
    expect(r.form.fields.user).toBeUndefined();
    expect(r.signIn).toBeNull();
    const user = (await server.backend.get(`/v1/users/${r.client.sessions[0].user.id}`)).body;
    expect(user).toMatchObject({ first_name: 'Tim', last_name: 'Apple' });
    expect(user.email_addresses.map((e: { email_address: string }) => e.email_address)).toEqual([tim.email]);
  });

  it('a private relay address (Hide My Email, flags as strings) signs up as a verified address', async () => {
    apple.nextLogin({ sub: hidden.sub, hideEmail: true });
    const r = await appleRoundTrip(server.browser(), 'sign_ups');
    const relay = apple.relayOf(hidden.sub);
    expect(relay).toMatch(/@privaterelay\.appleid\.com$/);
    expect(r.signUp).toBeNull();
    const user = (await server.backend.get(`/v1/users/${r.client.sessions[0].user.id}`)).body;
    expect(user.email_addresses).toEqual([
      expect.objectContaining({ email_address: relay, verification: expect.objectContaining({ status: 'verified' }) }),
    ]);
    expect(user).toMatchObject({ first_name: 'Hidden', last_name: 'Person' });
  });

  it('the user field is bounded at the POST, and one out of Apple’s shape gives no names (the email stays the token’s)', async () => {
    const tooLong = await server.browser({ origin: 'https://appleid.apple.com' }).post('/v1/oauth_callback', {
      state: 'x',
      code: 'y',
      user: JSON.stringify({ name: { firstName: 'a'.repeat(3000) } }),
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors[0]).toMatchObject({ code: 'form_param_format_invalid', meta: { param_name: 'user' } });

    apple.nextLogin({ sub: odd.sub });
    const forged = JSON.stringify({ name: { firstName: ['Eve'] }, email: 'eve@example.com' });
    const r = await appleRoundTrip(server.browser(), 'sign_ups', (f) => ({ ...f, user: forged }));
    expect(r.signUp).toBeNull();
    const user = (await server.backend.get(`/v1/users/${r.client.sessions[0].user.id}`)).body;
    expect(user).toMatchObject({ first_name: null, last_name: null });
    expect(user.email_addresses.map((e: { email_address: string }) => e.email_address)).toEqual([odd.email]);
  });

  it('a cancel at Apple (user_cancelled_authorize) fails the sign-in with oauth_access_denied', async () => {
    apple.nextLogin({ cancel: true });
    const r = await appleRoundTrip(server.browser());
    expect(r.form.fields).toEqual({ state: expect.any(String), error: 'user_cancelled_authorize' });
    expect(r.signIn.first_factor_verification).toMatchObject({
      status: 'failed',
      strategy: 'oauth_apple',
      error: { code: 'oauth_access_denied' },
    });
  });

  it('a client secret signed with a key Apple does not hold is refused (invalid_client → oauth_provider_error)', async () => {
    const other = await generateKeyPair('ES256', { extractable: true });
    const patch = (private_key: string) =>
      server.backend.patch('/v1/instance/settings', { social: { providers: { apple: { private_key } } } });
    expect((await patch(await exportPKCS8(other.privateKey))).status).toBe(200);
    try {
      apple.nextLogin({ sub: tim.sub });
      const logged = server.logs.length;
      const r = await appleRoundTrip(server.browser());
      expect(r.signIn.first_factor_verification).toMatchObject({
        status: 'failed',
        error: { code: 'oauth_provider_error' },
      });
      expect(failure(logged)).toMatchObject({
        meta: { reason: 'token_exchange_failed', provider_error: 'invalid_client' },
      });
    } finally {
      expect((await patch(teamKey)).status).toBe(200);
    }
  });
});
