/**
 * Everything a provider round trip can get wrong ends in a clear error on the flow (or a 400
 * for a callback that belongs to no round trip of this browser), never a 500 and never a
 * half-created user: consent denied, a replayed or foreign or expired `state`, a provider
 * answering 500 or malformed JSON, a code injected into another round trip (PKCE), a callback
 * without the issuer the provider promises (RFC 9207), a banned user, a provider email the instance refuses,
 * a return URL on another origin, a provider that is not enabled.
 * @see issue 14 (social sign-in)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uniqueEmail } from '../fixtures/flows.ts';
import { followToCallback } from '../fixtures/oauth/user-agent.ts';
import {
  authorizationUrlOf,
  CALLBACK_PAGE,
  type SocialWorld,
  socialRoundTrip,
  startSocialWorld,
} from './social-fixture.ts';

let world: SocialWorld;
const turing = { sub: 'google-turing', email: uniqueEmail('turing'), email_verified: true };
const banned = { sub: 'google-banned', email: uniqueEmail('banned'), email_verified: true };
const blocked = { sub: 'google-blocked', email: 'someone@blocked.example', email_verified: true };
const hopper = {
  id: 77,
  login: 'hopper',
  name: 'Grace Hopper',
  emails: [{ email: uniqueEmail('hopper'), primary: true, verified: true }],
};

beforeAll(async () => {
  world = await startSocialWorld([turing, banned, blocked], [hopper]);
});
afterAll(() => world.close());

const userCount = async () => (await world.server.backend.get('/v1/users/count')).body.total_count as number;

describe('the provider refuses or fails', () => {
  it('a denied consent fails the verification with oauth_access_denied and goes back to the app', async () => {
    const { server, idp } = world;
    idp.nextLogin({ deny: true });
    const { back, signIn } = await socialRoundTrip(server, server.browser(), 'oauth_google');
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(CALLBACK_PAGE);
    expect(signIn.status).toBe('needs_identifier');
    expect(signIn.first_factor_verification).toMatchObject({
      status: 'failed',
      external_verification_redirect_url: null,
      error: { code: 'oauth_access_denied', message: expect.any(String), long_message: expect.any(String) },
    });
  });

  it.each([
    ['a 500', '500'],
    ['malformed JSON', 'malformed'],
  ] as const)('a token endpoint answering %s is oauth_provider_error, and no user is created', async (_, fault) => {
    const { server, idp, github } = world;
    const before = await userCount();
    idp.failNextToken(fault);
    const google = await socialRoundTrip(server, server.browser(), 'oauth_google');
    expect(google.signIn.first_factor_verification).toMatchObject({
      status: 'failed',
      error: { code: 'oauth_provider_error' },
    });
    github.failNextToken(fault);
    const gh = await socialRoundTrip(server, server.browser(), 'oauth_github', 'sign_ups');
    expect(gh.signUp.verifications.external_account).toMatchObject({
      status: 'failed',
      error: { code: 'oauth_provider_error' },
    });
    github.failNextUser(fault);
    const profile = await socialRoundTrip(server, server.browser(), 'oauth_github', 'sign_ups');
    expect(profile.signUp.verifications.external_account.error.code).toBe('oauth_provider_error');
    expect(await userCount()).toBe(before);
    expect(server.logs.join('')).not.toContain('"statusCode":500');
  });
});

describe('the callback does not belong to this round trip', () => {
  it('a replayed callback is refused and leaves the completed sign-in alone', async () => {
    const { server } = world;
    await createUser(server, turing.email);
    const browser = server.browser();
    const started = await browser.post('/v1/client/sign_ins', {
      strategy: 'oauth_google',
      redirect_url: CALLBACK_PAGE,
    });
    const callback = await followToCallback(authorizationUrlOf(started), `${server.url}/v1/oauth_callback`);
    const path = callback.slice(server.url.length);
    const [a, b] = await Promise.all([browser.get(path), browser.get(path)]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([303, 400]);
    const refused = a.status === 400 ? a : b;
    expect(refused.body.errors[0]).toMatchObject({ code: 'oauth_callback_invalid', meta: { reason: 'state_used' } });
    const client = (await browser.get('/v1/client')).body.response;
    expect(client.sessions).toHaveLength(1);
  });

  it('a callback opened in another browser does nothing there', async () => {
    const { server } = world;
    const starter = server.browser();
    const started = await starter.post('/v1/client/sign_ins', {
      strategy: 'oauth_google',
      redirect_url: CALLBACK_PAGE,
    });
    const callback = await followToCallback(authorizationUrlOf(started), `${server.url}/v1/oauth_callback`);
    const other = server.browser();
    const r = await other.get(callback.slice(server.url.length));
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toMatchObject({ code: 'oauth_callback_invalid', meta: { reason: 'client_mismatch' } });
    expect((await other.get('/v1/client')).body.response?.sessions ?? []).toEqual([]);
  });

  it("a code injected into another browser's round trip fails its PKCE check: no session for the attacker's account", async () => {
    const { server, idp } = world;
    // The attacker's own round trip, stopped before Gatehouse's callback: a code for the attacker's account.
    const attacker = server.browser();
    idp.nextLogin({ accountId: turing.sub });
    const own = await attacker.post('/v1/client/sign_ins', { strategy: 'oauth_google', redirect_url: CALLBACK_PAGE });
    const stolen = new URL(await followToCallback(authorizationUrlOf(own), `${server.url}/v1/oauth_callback`));
    // The victim's round trip: its own state (and PKCE verifier), with the attacker's code planted in.
    const victim = server.browser();
    const theirs = await victim.post('/v1/client/sign_ins', { strategy: 'oauth_google', redirect_url: CALLBACK_PAGE });
    const state = new URL(authorizationUrlOf(theirs)).searchParams.get('state') ?? '';
    const logged = server.logs.length;
    // Everything of the attacker's callback (code, RFC 9207 `iss`) but the victim's state.
    stolen.searchParams.set('state', state);
    const back = await victim.get(`/v1/oauth_callback${stolen.search}`);
    expect(back.status).toBe(303);
    const client = (await victim.get('/v1/client')).body.response;
    expect(client.sessions).toEqual([]);
    expect(client.sign_in.first_factor_verification).toMatchObject({
      status: 'failed',
      error: { code: 'oauth_provider_error' },
    });
    // The provider refused the exchange: the verifier is not the one the code was issued for.
    const line = server.logs.slice(logged).find((l) => l.includes('oauth round trip failed')) ?? '{}';
    expect(JSON.parse(line).meta, line).toMatchObject({
      reason: 'token_exchange_failed',
      provider_error: 'invalid_grant',
    });
  });

  it('a callback without the issuer a provider promises (RFC 9207 `iss`, mix-up defence) is refused', async () => {
    const { server, idp } = world;
    const browser = server.browser();
    idp.nextLogin({ accountId: turing.sub });
    const started = await browser.post('/v1/client/sign_ins', {
      strategy: 'oauth_google',
      redirect_url: CALLBACK_PAGE,
    });
    const callback = new URL(await followToCallback(authorizationUrlOf(started), `${server.url}/v1/oauth_callback`));
    expect(callback.searchParams.get('iss')).toBe(idp.issuer);
    callback.searchParams.delete('iss');
    const logged = server.logs.length;
    await browser.get(`/v1/oauth_callback${callback.search}`);
    const client = (await browser.get('/v1/client')).body.response;
    expect(client.sessions).toEqual([]);
    expect(client.sign_in.first_factor_verification.error.code).toBe('oauth_provider_error');
    const line = server.logs.slice(logged).find((l) => l.includes('oauth round trip failed')) ?? '{}';
    expect(JSON.parse(line).meta, line).toMatchObject({ check: 'OAUTH_INVALID_RESPONSE' });
  });

  it('an unknown or missing state is refused', async () => {
    const { server } = world;
    const browser = server.browser();
    for (const q of ['?state=forged&code=x', '?code=x', '']) {
      const r = await browser.get(`/v1/oauth_callback${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.errors[0].code).toBe('oauth_callback_invalid');
    }
  });

  it('a state older than 10 minutes fails the sign-in with oauth_callback_invalid', async () => {
    const { server } = world;
    const browser = server.browser();
    const started = await browser.post('/v1/client/sign_ins', {
      strategy: 'oauth_google',
      redirect_url: CALLBACK_PAGE,
    });
    const callback = await followToCallback(authorizationUrlOf(started), `${server.url}/v1/oauth_callback`);
    server.clock.advance(11 * 60 * 1000);
    try {
      const r = await browser.get(callback.slice(server.url.length));
      expect(r.status).toBe(303);
      const signIn = (await browser.get('/v1/client')).body.response.sign_in;
      expect(signIn.first_factor_verification).toMatchObject({
        status: 'failed',
        error: { code: 'oauth_callback_invalid' },
      });
    } finally {
      server.clock.advance(-11 * 60 * 1000);
    }
  });
});

describe('the instance still decides', () => {
  it('a banned user is told so on the sign-in', async () => {
    const { server, idp } = world;
    const { userId } = await createUser(server, banned.email);
    await server.backend.post(`/v1/users/${userId}/ban`);
    idp.nextLogin({ accountId: banned.sub });
    const { signIn } = await socialRoundTrip(server, server.browser(), 'oauth_google');
    expect(signIn.first_factor_verification).toMatchObject({ status: 'failed', error: { code: 'user_banned' } });
  });

  it("restrictions apply to the provider's email at sign-up", async () => {
    const { server, idp } = world;
    const r = await server.backend.post('/v1/blocklist_identifiers', { identifier: '*@blocked.example' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await server.backend.patch('/v1/instance/settings', { restrictions: { blocklist: { enabled: true } } });
    try {
      const before = await userCount();
      idp.nextLogin({ accountId: blocked.sub });
      const { signUp } = await socialRoundTrip(server, server.browser(), 'oauth_google', 'sign_ups');
      expect(signUp.verifications.external_account).toMatchObject({
        status: 'failed',
        error: { code: 'not_allowed_access' },
      });
      expect(await userCount()).toBe(before);
    } finally {
      await server.backend.patch('/v1/instance/settings', { restrictions: { blocklist: { enabled: null } } });
    }
  });

  it('refuses a return URL on another origin, and a provider that is not enabled', async () => {
    const browser = world.server.browser();
    const foreign = await browser.post('/v1/client/sign_ins', {
      strategy: 'oauth_google',
      redirect_url: 'https://evil.example/steal',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0]).toMatchObject({
      code: 'redirect_url_invalid',
      meta: { param_name: 'redirect_url' },
    });
    const off = await browser.post('/v1/client/sign_ups', { strategy: 'oauth_discord', redirect_url: CALLBACK_PAGE });
    expect(off.status).toBe(422);
    expect(off.body.errors[0]).toMatchObject({
      code: 'oauth_provider_not_configured',
      meta: { strategy: 'oauth_discord' },
    });
    const unknown = await browser.post('/v1/client/sign_ins', { strategy: 'oauth_nope', redirect_url: CALLBACK_PAGE });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].code).toBe('oauth_provider_not_configured');
  });
});
