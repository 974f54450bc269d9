/**
 * The plain OAuth 2.0 named providers (Facebook, Discord, X, Twitch, Spotify, Bitbucket,
 * Notion, Dropbox, Linear, Coinbase, TikTok), each against a local server speaking its
 * protocol (`fixtures/oauth/providers/<id>.ts`), through one Gatehouse server:
 * - a new person signs up through the whole redirect round trip, and the user holds the
 *   provider account with the provider's id and email; the email counts as verified only
 *   where the provider says it is (else the sign-up asks for an email code; a provider that
 *   gives no email makes the sign-up ask for one);
 * - the token request authenticates the client the provider's one way (the fixture refuses the
 *   other, which a hand-made request proves with the same code), and sends PKCE where the
 *   provider takes it;
 * - the same account signs in again as the same user; a cancelled authorization is
 *   `oauth_access_denied`;
 * - the Backend API hands out the provider token, refreshed with the provider's credential
 *   style once expired (twice: a rotated refresh token is replaced, a kept one is kept).
 * @see issue 14 (social sign-in: the named OAuth 2.0 providers)
 */
import { OAUTH_STRATEGY_PREFIX } from '@gatehouse/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OAuthDeploymentConfig } from '../../src/config/env.ts';
import { uniqueEmail } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import type { RecordedRequest } from '../fixtures/oauth/http-util.ts';
import type { FixtureUser, ProviderProtocol } from '../fixtures/oauth/oauth2-protocol.ts';
import { type OAuth2ProviderServer, startOAuth2Providers } from '../fixtures/oauth/oauth2-provider-server.ts';
import { OAUTH2_PROTOCOLS } from '../fixtures/oauth/providers/index.ts';
import { followToCallback } from '../fixtures/oauth/user-agent.ts';
import { codeIn, startServer, type TestServer } from '../fixtures/server.ts';
import { authorizationUrlOf, CALLBACK_PAGE, returnFromProvider, socialRoundTrip } from './social-fixture.ts';

interface Case {
  id: string;
  /**
   * What the default scopes bring: an email with the provider's verified flag, which Gatehouse
   * follows (`flag`); one the provider documents as verified (`verified`); one it says nothing
   * about, taken as unverified (`unverified`); no email at all (`none`).
   */
  email: 'flag' | 'verified' | 'unverified' | 'none';
  pkce: boolean;
  /** Access tokens expire and come with a refresh token. */
  refreshes: boolean;
}

const CASES: Case[] = [
  { id: 'facebook', email: 'unverified', pkce: false, refreshes: false },
  { id: 'discord', email: 'flag', pkce: false, refreshes: true },
  { id: 'x', email: 'none', pkce: true, refreshes: true },
  { id: 'twitch', email: 'verified', pkce: false, refreshes: true },
  { id: 'spotify', email: 'unverified', pkce: false, refreshes: true },
  { id: 'bitbucket', email: 'flag', pkce: false, refreshes: true },
  { id: 'notion', email: 'unverified', pkce: false, refreshes: false },
  { id: 'dropbox', email: 'flag', pkce: false, refreshes: true },
  { id: 'linear', email: 'unverified', pkce: true, refreshes: true },
  { id: 'coinbase', email: 'unverified', pkce: true, refreshes: true },
  { id: 'tiktok', email: 'none', pkce: true, refreshes: true },
];
const verifiedByProvider = (c: Case) => c.email === 'flag' || c.email === 'verified';

const protocolOf = (id: string) => OAUTH2_PROTOCOLS.find((p) => p.id === id) as ProviderProtocol;
const ACCOUNT_IDS: Record<string, (n: number) => string> = {
  bitbucket: (n) => `{6f1c2a3b-0000-4000-8000-00000000000${n}}`,
  dropbox: (n) => `dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc${n}`,
  notion: (n) => `e79a0b74-3aba-4149-9f74-0bb5791a6ee${n}`,
  tiktok: (n) => `-000OqHwD3dZ2PAcBgsakIXGt5ZpxMZzy${n}`,
};
const userFor = (id: string, n: number, verified = true): FixtureUser => ({
  id: ACCOUNT_IDS[id]?.(n) ?? `${id === 'x' ? '22449949' : '80351110'}${n}${id.length}`,
  email: uniqueEmail(`${id}${n}`),
  emailVerified: verified,
  name: `Ada${n} Lovelace`,
  username: `ada${n}_${id}`,
});
/** Per provider: [0] the person who signs up and in, [1] one the provider says is unverified, [2] one with `users.email` (X). */
const USERS = Object.fromEntries(
  CASES.map((c) => [c.id, [userFor(c.id, 1), userFor(c.id, 2, false), userFor(c.id, 3)]]),
);

let server: TestServer;
let providers: OAuth2ProviderServer;
const oauth: OAuthDeploymentConfig = { baseUrls: {}, devCredentials: {} };
const userIds = new Map<string, string>();

beforeAll(async () => {
  server = await startServer({
    oauth,
    settings: {
      attack_protection: { rate_limits: { enabled: false } },
      social: {
        providers: Object.fromEntries(
          CASES.map((c) => [c.id, { enabled: true, client_id: `gatehouse-${c.id}`, client_secret: `${c.id}-secret` }]),
        ),
      },
    },
  });
  const redirect = `${server.url}/v1/oauth_callback`;
  providers = await startOAuth2Providers(
    CASES.map((c) => ({
      protocol: protocolOf(c.id),
      app: { client_id: `gatehouse-${c.id}`, client_secret: `${c.id}-secret`, redirect_uris: [redirect] },
      users: USERS[c.id] ?? [],
    })),
  );
  for (const c of CASES) oauth.baseUrls[c.id] = providers.baseUrl(c.id);
});
afterAll(async () => {
  await server?.close();
  await providers?.close();
});

const strategy = (c: Case) => `${OAUTH_STRATEGY_PREFIX}${c.id}`;
const since = (c: Case, n: number) => providers.requests(c.id).slice(n);
const tokenRequests = (c: Case, from = 0) =>
  since(c, from).filter((r) => r.method === 'POST' && r.path === `/${c.id}${protocolOf(c.id).tokenPath}`);

/** Finishes a sign-up the provider could not complete: types the email when it gave none, then the email code. */
async function finishSignUp(browser: Browser, signUp: Record<string, unknown>, email: string) {
  let current = signUp;
  if (current.email_address === null) {
    const r = await browser.patch(`/v1/client/sign_ups/${current.id}`, { email_address: email });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    current = r.body.response;
  }
  expect(current).toMatchObject({ status: 'missing_requirements', email_address: email });
  expect(current.unverified_fields).toContain('email_address');
  const prepared = await browser.post(`/v1/client/sign_ups/${current.id}/prepare_verification`, {
    strategy: 'email_code',
  });
  expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
  const done = await browser.post(`/v1/client/sign_ups/${current.id}/attempt_verification`, {
    strategy: 'email_code',
    code: codeIn(await server.lastDevEmail(email)),
  });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  expect(done.body.response.status).toBe('complete');
  return done.body.response.created_user_id as string;
}

/** Asserts the token request carried the client's credentials the provider's way and nowhere else. */
function expectClientAuth(c: Case, request: RecordedRequest | undefined) {
  const p = protocolOf(c.id);
  expect(request).toBeDefined();
  const body = request?.body ?? {};
  if (p.clientAuth === 'basic') {
    const basic = /^Basic (\S+)$/.exec(request?.headers.authorization ?? '')?.[1] ?? '';
    expect(Buffer.from(basic, 'base64').toString()).toBe(`gatehouse-${c.id}:${c.id}-secret`);
    expect(body.client_secret).toBeUndefined();
  } else {
    expect(request?.headers.authorization).toBeUndefined();
    expect(body[p.clientIdParam ?? 'client_id']).toBe(`gatehouse-${c.id}`);
    expect(body.client_secret).toBe(`${c.id}-secret`);
  }
}

describe.each(CASES)('$id', (c) => {
  const [person, unverified] = USERS[c.id] as [FixtureUser, FixtureUser];

  it('signs a new person up through the redirect round trip, with the right client authentication and PKCE', async () => {
    const browser = server.browser();
    const before = providers.requests(c.id).length;
    providers.nextLogin(c.id, { userId: person.id });
    const { back, signUp, client } = await socialRoundTrip(server, browser, strategy(c), 'sign_ups');
    expect(back.status).toBe(303);
    const email = person.email as string;
    const userId = verifiedByProvider(c)
      ? (() => {
          expect(signUp, JSON.stringify(signUp)).toBeNull();
          return client.sessions[0].user.id as string;
        })()
      : await finishSignUp(browser, signUp, email);
    userIds.set(c.id, userId);

    const user = (await server.backend.get(`/v1/users/${userId}`)).body;
    expect(user.email_addresses).toEqual([
      expect.objectContaining({ email_address: email, verification: expect.objectContaining({ status: 'verified' }) }),
    ]);
    expect(user.email_addresses[0].verification.strategy).toBe(
      verifiedByProvider(c) ? `from_oauth_${c.id}` : 'email_code',
    );
    expect(user.external_accounts).toEqual([
      expect.objectContaining({
        provider: strategy(c),
        provider_user_id: person.id,
        email_address: c.email === 'none' ? '' : email,
        verification: expect.objectContaining({ status: 'verified', strategy: strategy(c) }),
      }),
    ]);

    const authorize = since(c, before).find((r) => r.path === `/${c.id}${protocolOf(c.id).authorizePath}`);
    const exchange = tokenRequests(c, before)[0];
    expectClientAuth(c, exchange);
    expect(exchange?.body?.grant_type).toBe('authorization_code');
    if (c.pkce) {
      expect(authorize?.query.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(authorize?.query.code_challenge_method).toBe('S256');
      expect(exchange?.body?.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    }
  });

  it('signs the same account in again as the same user', async () => {
    providers.nextLogin(c.id, { userId: person.id });
    const { client, signIn } = await socialRoundTrip(server, server.browser(), strategy(c));
    expect(signIn, JSON.stringify(signIn)).toBeNull();
    expect(client.sessions[0].user.id).toBe(userIds.get(c.id));
  });

  it('reports a cancelled authorization as oauth_access_denied', async () => {
    providers.nextLogin(c.id, { deny: true });
    const { signIn } = await socialRoundTrip(server, server.browser(), strategy(c));
    expect(signIn.first_factor_verification).toMatchObject({
      status: 'failed',
      error: { code: 'oauth_access_denied' },
    });
  });

  it('fails the sign-in on a refused code, and logs the provider’s own error code', async () => {
    providers.nextLogin(c.id, { userId: person.id });
    providers.failNextToken(c.id, 'invalid_grant');
    const logged = server.logs.length;
    const { signIn } = await socialRoundTrip(server, server.browser(), strategy(c));
    expect(signIn.first_factor_verification).toMatchObject({
      status: 'failed',
      error: { code: 'oauth_provider_error' },
    });
    const line = server.logs.slice(logged).find((l) => l.includes('oauth round trip failed'));
    const failure = JSON.parse(line ?? '{}');
    expect(failure.meta?.reason, line).toBe('token_exchange_failed');
    // The code the provider's own answer names (X says invalid_request); Facebook's and Twitch's shapes name none.
    const answer = protocolOf(c.id).tokenError('invalid_grant').json as { error?: unknown };
    expect(failure.meta.provider_error, line).toBe(typeof answer.error === 'string' ? answer.error : undefined);
  });

  it('is refused the other client authentication style, and accepted Gatehouse’s with the same code', async () => {
    const p = protocolOf(c.id);
    const browser = server.browser();
    providers.nextLogin(c.id, { userId: person.id });
    const started = await browser.post('/v1/client/sign_ins', { strategy: strategy(c), redirect_url: CALLBACK_PAGE });
    const callback = await followToCallback(authorizationUrlOf(started), `${server.url}/v1/oauth_callback`);
    const code = new URL(callback).searchParams.get('code') as string;
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${server.url}/v1/oauth_callback`,
    });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (p.clientAuth === 'basic') {
      form.set('client_id', `gatehouse-${c.id}`);
      form.set('client_secret', `${c.id}-secret`);
    } else {
      headers.authorization = `Basic ${Buffer.from(`gatehouse-${c.id}:${c.id}-secret`).toString('base64')}`;
    }
    const refused = await fetch(`${providers.baseUrl(c.id)}${p.tokenPath}`, { method: 'POST', headers, body: form });
    const expected = p.tokenError('invalid_client');
    expect(refused.status).toBe(expected.status);
    expect(await refused.json()).toEqual(expected.json);
    if (p.clientIdParam) {
      // TikTok: the body style, but `client_id` is not what TikTok calls the client key.
      const misnamed = new URLSearchParams(form);
      misnamed.set('client_id', `gatehouse-${c.id}`);
      misnamed.set('client_secret', `${c.id}-secret`);
      const r = await fetch(`${providers.baseUrl(c.id)}${p.tokenPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: misnamed,
      });
      expect(await r.json()).toEqual(expected.json);
    }

    const back = await browser.get(callback.slice(server.url.length));
    expect(back.status).toBe(303);
    const client = (await browser.get('/v1/client')).body.response;
    expect(client.sign_in, JSON.stringify(client.sign_in)).toBeNull();
    expect(client.sessions[0].user.id).toBe(userIds.get(c.id));
  });

  it.runIf(c.email === 'flag')(
    'takes an address the provider says is unverified as unverified: the sign-up asks for a code',
    async () => {
      const browser = server.browser();
      providers.nextLogin(c.id, { userId: unverified.id });
      const { signUp } = await socialRoundTrip(server, browser, strategy(c), 'sign_ups');
      expect(signUp.verifications.external_account.status).toBe('verified');
      const userId = await finishSignUp(browser, signUp, unverified.email as string);
      const user = (await server.backend.get(`/v1/users/${userId}`)).body;
      expect(user.email_addresses[0].verification.strategy).toBe('email_code');
    },
  );

  it.runIf(c.refreshes)(
    'hands the provider token to the app and refreshes it the provider’s way once expired',
    async () => {
      const p = protocolOf(c.id);
      const userId = userIds.get(c.id);
      const path = `/v1/users/${userId}/oauth_access_tokens/${strategy(c)}`;
      const first = await server.backend.get(path);
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body).toEqual([
        expect.objectContaining({ object: 'oauth_access_token', provider: strategy(c), provider_user_id: person.id }),
      ]);
      const calls = tokenRequests(c).length;
      // Fresh: read again without asking the provider.
      expect((await server.backend.get(path)).body[0].token).toBe(first.body[0].token);
      expect(tokenRequests(c).length).toBe(calls);

      const ttl = (p.accessTokenTtl as number) * 1000 + 120_000;
      const seen = [first.body[0].token as string];
      try {
        // Twice: the second refresh uses the refresh token the first one left (a rotated one, or the kept one).
        for (let round = 1; round <= 2; round++) {
          server.clock.advance(ttl);
          const refreshed = await server.backend.get(path);
          expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
          expect(seen).not.toContain(refreshed.body[0].token);
          expect(refreshed.body[0].expires_at).toBeGreaterThan(server.clock.now());
          seen.push(refreshed.body[0].token);
          const requests = tokenRequests(c, 0).slice(calls);
          expect(requests).toHaveLength(round);
          expectClientAuth(c, requests[round - 1]);
          expect(requests[round - 1]?.body?.grant_type).toBe('refresh_token');
        }
      } finally {
        server.clock.advance(-2 * ttl);
      }
    },
  );
});

describe('provider specifics', () => {
  it('X: with the users.email scope granted, the confirmed email is read and counts as verified', async () => {
    const x = CASES.find((c) => c.id === 'x') as Case;
    const [, , person] = USERS.x as FixtureUser[];
    const set = (scopes: string[]) =>
      server.backend.patch('/v1/instance/settings', { social: { providers: { x: { scopes } } } });
    expect((await set(['users.email'])).status).toBe(200);
    try {
      providers.nextLogin('x', { userId: person?.id });
      const before = providers.requests('x').length;
      const { signUp, client } = await socialRoundTrip(server, server.browser(), strategy(x), 'sign_ups');
      expect(signUp, JSON.stringify(signUp)).toBeNull();
      const user = (await server.backend.get(`/v1/users/${client.sessions[0].user.id}`)).body;
      expect(user.email_addresses[0]).toMatchObject({
        email_address: person?.email,
        verification: { status: 'verified', strategy: 'from_oauth_x' },
      });
      const me = since(x, before).find((r) => r.path === '/x/2/users/me');
      expect(me?.query['user.fields']?.split(',')).toContain('confirmed_email');
    } finally {
      await set([]);
    }
  });

  it('Twitch: a refresh refused in Twitch’s own error shape is a clear error for the app, not a failure', async () => {
    const path = `/v1/users/${userIds.get('twitch')}/oauth_access_tokens/oauth_twitch`;
    const current = await server.backend.get(path);
    // Past the stored token's expiry (the refresh test above left a later one).
    const ttl = (current.body[0].expires_at as number) - server.clock.now() + 120_000;
    server.clock.advance(ttl);
    try {
      providers.failNextToken('twitch', 'invalid_grant');
      const refused = await server.backend.get(path);
      expect(refused.status).toBe(404);
      expect(refused.body.errors[0]).toMatchObject({
        code: 'external_account_token_unavailable',
        meta: { reason: 'refresh_refused' },
      });
      // The refresh token was left unused: the next read refreshes.
      const next = await server.backend.get(path);
      expect(next.status, JSON.stringify(next.body)).toBe(200);
      expect(next.body[0].expires_at).toBeGreaterThan(server.clock.now());
    } finally {
      server.clock.advance(-ttl);
    }
  });

  it('Notion and Facebook: tokens without a refresh token are handed out as issued', async () => {
    for (const id of ['notion', 'facebook']) {
      const r = await server.backend.get(`/v1/users/${userIds.get(id)}/oauth_access_tokens/oauth_${id}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body[0].token).toMatch(id === 'notion' ? /^ntn_/ : /^EAAG/);
      if (id === 'notion') expect(r.body[0].expires_at).toBeNull();
      else expect(r.body[0].expires_at).toBeGreaterThan(server.clock.now() + 59 * 24 * 3600 * 1000);
    }
  });

  it("puts each provider's own parameters on the authorization URL, and the provider takes them", async () => {
    const scopes = (tiktok: string[], linear: string[]) =>
      server.backend.patch('/v1/instance/settings', {
        social: { providers: { tiktok: { scopes: tiktok }, linear: { scopes: linear } } },
      });
    expect((await scopes(['user.info.profile'], ['write'])).status).toBe(200);
    const want: Record<string, Record<string, string>> = {
      notion: { owner: 'user' },
      dropbox: { token_access_type: 'offline' },
      tiktok: { client_key: 'gatehouse-tiktok', scope: 'user.info.basic,user.info.profile' },
      linear: { scope: 'read,write' },
    };
    try {
      for (const [id, params] of Object.entries(want)) {
        const browser = server.browser();
        const started = await browser.post('/v1/client/sign_ins', {
          strategy: `oauth_${id}`,
          redirect_url: CALLBACK_PAGE,
        });
        const url = new URL(authorizationUrlOf(started));
        for (const [k, v] of Object.entries(params)) expect(url.searchParams.get(k), `${id} ${k}`).toBe(v);
        if (id === 'tiktok') expect(url.searchParams.has('client_id')).toBe(false);
        // The fixture refuses a wrong separator (`invalid_scope`) or a missing parameter (`invalid_request`).
        providers.nextLogin(id, { deny: true });
        await returnFromProvider(server, browser, url.href);
        const signIn = (await browser.get('/v1/client')).body.response.sign_in;
        expect(signIn.first_factor_verification.error.code, id).toBe('oauth_access_denied');
      }
    } finally {
      await scopes([], []);
    }
  });
});
