/**
 * Custom providers (`social.custom.<name>`, the strategy `oauth_custom_<name>`) against a real
 * OpenID Connect provider (oidc-provider), configured each way the settings allow:
 * - by discovery URL: signs up, then signs in again with the account it connected;
 * - by hand with `jwks_url` (OpenID Connect without discovery): no discovery request is made;
 * - by hand as plain OAuth 2.0 (UserInfo only): the profile comes from the claims the
 *   `claims` mapping names, not from the standard ones;
 * - PKCE is sent, or not, as `pkce` says;
 * - a discovery URL that cannot be read (nothing listening) is `oauth_provider_error`, not a 500;
 * - the Backend API refuses to enable one without the endpoints or credentials it needs, or with
 *   a URL in plain http to another machine (codes and secrets never cross a network in clear).
 * @see issue 14 (social sign-in: custom providers)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../fixtures/flows.ts';
import { listen } from '../fixtures/oauth/http-util.ts';
import { CALLBACK_PAGE, type SocialWorld, socialRoundTrip, startSocialWorld } from './social-fixture.ts';

let world: SocialWorld;
const ACME = { client_id: 'gatehouse-acme', client_secret: 'acme-secret' };

const byDiscovery = {
  sub: 'acme-discovery',
  email: uniqueEmail('discovery'),
  email_verified: true,
  given_name: 'Dora',
};
const byHand = { sub: 'acme-hand', email: uniqueEmail('hand'), email_verified: true, given_name: 'Hank' };
/** Its standard claims say one thing, its `acme_*` claims another: the mapping decides which counts. */
const mapped = {
  sub: 'acme-oauth2',
  email: uniqueEmail('standard'),
  email_verified: false,
  given_name: 'Standard',
  acme_id: 'A-77',
  acme_mail: uniqueEmail('mapped'),
  acme_mail_ok: true,
  acme_first: 'Mapped',
  acme_last: 'Person',
  acme_handle: 'mapped_77',
};
/** Accounts that only ever start a sign-in (never signed up): the round trip ends `transferable`. */
const fresh = (label: string) => ({ sub: `acme-${label}`, email: uniqueEmail(label), email_verified: true });
const pkceAccounts = { oidcOn: fresh('oidc-pkce'), oidcOff: fresh('oidc-no-pkce'), oauth2On: fresh('o2-pkce') };
/** For the OAuth 2.0 provider that maps claims: the mapped subject must be there too. */
const oauth2Off = { ...fresh('o2-no-pkce'), acme_id: 'A-78', acme_mail: uniqueEmail('o2-no-pkce-mapped') };

/** The custom providers of this file, all at the one IdP and its client `gatehouse-acme`. */
function customProviders(idp: SocialWorld['idp']) {
  const byHandEndpoints = {
    authorization_url: `${idp.url}/auth`,
    token_url: `${idp.url}/token`,
  };
  const oauth2Claims = {
    subject: 'acme_id',
    email: 'acme_mail',
    email_verified: 'acme_mail_ok',
    first_name: 'acme_first',
    last_name: 'acme_last',
    username: 'acme_handle',
  };
  return {
    acme: { enabled: true, name: 'Acme SSO', discovery_url: idp.discoveryUrl, ...ACME },
    acme_nopkce: { enabled: true, name: 'Acme no PKCE', discovery_url: idp.issuer, pkce: false, ...ACME },
    acme_hand: {
      enabled: true,
      name: 'Acme by hand',
      ...byHandEndpoints,
      jwks_url: `${idp.url}/jwks`,
      issuer: idp.issuer,
      ...ACME,
    },
    acme_oauth2: {
      enabled: true,
      name: 'Acme OAuth 2.0',
      ...byHandEndpoints,
      userinfo_url: `${idp.url}/me`,
      scopes: ['openid'],
      pkce: false,
      claims: oauth2Claims,
      ...ACME,
    },
    acme_oauth2_pkce: {
      enabled: true,
      name: 'Acme OAuth 2.0 with PKCE',
      ...byHandEndpoints,
      userinfo_url: `${idp.url}/me`,
      ...ACME,
    },
  };
}

beforeAll(async () => {
  world = await startSocialWorld([byDiscovery, byHand, mapped, ...Object.values(pkceAccounts), oauth2Off], []);
  const r = await world.server.backend.patch('/v1/instance/settings', {
    social: { custom: customProviders(world.idp) },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.settings.social.custom.acme).toMatchObject({
    client_secret: '********',
    discovery_url: world.idp.discoveryUrl,
  });
});
afterAll(() => world.close());

/** Signs up with `strategy` as `account`; returns the created user (Backend API) and the IdP requests of the round trip. */
async function signUpWith(strategy: string, account: { sub: string }) {
  const { server, idp } = world;
  const from = idp.requests.length;
  idp.nextLogin({ accountId: account.sub });
  const { signUp, client } = await socialRoundTrip(server, server.browser(), strategy, 'sign_ups');
  const failures = server.logs.filter((l) => l.includes('round trip failed')).join('');
  expect(signUp, `${JSON.stringify(signUp)} ${failures}`).toBeNull();
  const user = (await server.backend.get(`/v1/users/${client.sessions[0].user.id}`)).body;
  return { user, requests: idp.requests.slice(from) };
}

const authorizationRequestIn = (requests: SocialWorld['idp']['requests']) => {
  const auth = requests.find((r) => r.method === 'GET' && r.path === '/auth');
  expect(auth, 'the IdP received no authorization request').toBeDefined();
  return auth!;
};

describe('a custom provider by discovery URL', () => {
  it('signs up as oauth_custom_acme, then signs in again with the account it connected', async () => {
    const { server, idp } = world;
    const { user, requests } = await signUpWith('oauth_custom_acme', byDiscovery);
    expect(requests.some((r) => r.path === '/.well-known/openid-configuration')).toBe(true);
    expect(user.email_addresses).toEqual([
      expect.objectContaining({
        email_address: byDiscovery.email,
        verification: expect.objectContaining({ status: 'verified' }),
      }),
    ]);
    expect(user.first_name).toBe('Dora');
    expect(user.external_accounts).toEqual([
      expect.objectContaining({
        provider: 'oauth_custom_acme',
        provider_user_id: byDiscovery.sub,
        email_address: byDiscovery.email,
        verification: expect.objectContaining({ status: 'verified', strategy: 'oauth_custom_acme' }),
      }),
    ]);

    idp.nextLogin({ accountId: byDiscovery.sub });
    const again = await socialRoundTrip(server, server.browser(), 'oauth_custom_acme');
    expect(again.signIn).toBeNull();
    expect(again.client.sessions.map((s: { user: { id: string } }) => s.user.id)).toEqual([user.id]);
  });

  it('is offered in the environment under its name', async () => {
    const env = (await world.server.browser().get('/v1/environment')).body;
    expect(env.user_settings.social.oauth_custom_acme).toMatchObject({
      enabled: true,
      strategy: 'oauth_custom_acme',
      name: 'Acme SSO',
    });
    expect(env.user_settings.social.oauth_custom_acme_hand.name).toBe('Acme by hand');
  });
});

describe('a custom provider configured by hand', () => {
  it('with jwks_url: OpenID Connect without discovery, the ID token checked against those keys', async () => {
    const { user, requests } = await signUpWith('oauth_custom_acme_hand', byHand);
    expect(requests.map((r) => r.path)).not.toContain('/.well-known/openid-configuration');
    expect(requests.some((r) => r.path === '/jwks')).toBe(true);
    expect(user.external_accounts).toEqual([
      expect.objectContaining({
        provider: 'oauth_custom_acme_hand',
        provider_user_id: byHand.sub,
        email_address: byHand.email,
      }),
    ]);
    expect(user.first_name).toBe('Hank');
  });

  it('as plain OAuth 2.0: the profile is read from UserInfo through the claims mapping', async () => {
    const { user, requests } = await signUpWith('oauth_custom_acme_oauth2', mapped);
    expect(requests.some((r) => r.path === '/me' && r.headers.authorization?.startsWith('Bearer '))).toBe(true);
    // Neither `sub`, `email` (unverified), nor `given_name`: the mapped claims, and their verified flag.
    expect(user.external_accounts).toEqual([
      expect.objectContaining({
        provider: 'oauth_custom_acme_oauth2',
        provider_user_id: 'A-77',
        email_address: mapped.acme_mail,
        first_name: 'Mapped',
        last_name: 'Person',
        username: 'mapped_77',
      }),
    ]);
    expect(user.email_addresses).toEqual([
      expect.objectContaining({
        email_address: mapped.acme_mail,
        verification: expect.objectContaining({ status: 'verified' }),
      }),
    ]);
    expect(user.first_name).toBe('Mapped');
  });
});

describe('PKCE follows the setting', () => {
  // `oidc`: an OpenID Connect request carries a nonce; a plain OAuth 2.0 one does not.
  it.each([
    ['OpenID Connect, pkce on (the default)', 'oauth_custom_acme', pkceAccounts.oidcOn, true, true],
    ['OpenID Connect, pkce off', 'oauth_custom_acme_nopkce', pkceAccounts.oidcOff, false, true],
    ['OAuth 2.0, pkce on (the default)', 'oauth_custom_acme_oauth2_pkce', pkceAccounts.oauth2On, true, false],
    ['OAuth 2.0, pkce off', 'oauth_custom_acme_oauth2', oauth2Off, false, false],
  ] as const)('%s', async (_, strategy, account, pkce, oidc) => {
    const { server, idp } = world;
    const from = idp.requests.length;
    idp.nextLogin({ accountId: account.sub });
    const { signIn } = await socialRoundTrip(server, server.browser(), strategy);
    const auth = authorizationRequestIn(idp.requests.slice(from));
    if (pkce) expect(auth.query).toMatchObject({ code_challenge: expect.any(String), code_challenge_method: 'S256' });
    else {
      expect(auth.query).not.toHaveProperty('code_challenge');
      expect(auth.query).not.toHaveProperty('code_challenge_method');
    }
    if (oidc) expect(auth.query.nonce).toEqual(expect.any(String));
    else expect(auth.query).not.toHaveProperty('nonce');
    // The code exchange went through (oidc-provider refuses a verifier without a challenge, and a
    // challenge without its verifier) and the profile was read: a new account, ready to sign up.
    expect(signIn.first_factor_verification).toMatchObject({ status: 'transferable', strategy });
  });
});

describe('a discovery URL that cannot be read', () => {
  it.each([['nothing listening there', closedPortUrl, /ECONNREFUSED/, 'ECONNREFUSED']])(
    '%s: the sign-in is refused with oauth_provider_error, not a 500',
    async (_, discoveryUrl, cause, check) => {
      const { server } = world;
      const url = await discoveryUrl();
      const logged = server.logs.length;
      const set = await server.backend.patch('/v1/instance/settings', {
        social: { custom: { broken: { enabled: true, name: 'Broken', discovery_url: url, ...ACME } } },
      });
      expect(set.status, JSON.stringify(set.body)).toBe(200);
      try {
        const r = await server.browser().post('/v1/client/sign_ins', {
          strategy: 'oauth_custom_broken',
          redirect_url: CALLBACK_PAGE,
        });
        expect(r.status, JSON.stringify(r.body)).toBe(502);
        expect(r.body.errors[0]).toMatchObject({
          code: 'oauth_provider_error',
          message: 'The provider could not complete the sign-in. Try again later.',
          meta: { reason: 'discovery_failed', check },
        });
        // The cause is in the log (only there), and it is the one this case is about.
        const failure = server.logs.slice(logged).find((l) => l.includes('"code":"oauth_provider_error"')) ?? '';
        expect(JSON.parse(failure).err.message).toMatch(cause);
        // The answer names the failed check, never the address it tried.
        expect(JSON.stringify(r.body)).not.toContain(new URL(url).host);
      } finally {
        await server.backend.patch('/v1/instance/settings', { social: { custom: { broken: null } } });
      }
    },
  );
});

/** A URL on 127.0.0.1 where nothing listens any more. */
async function closedPortUrl(): Promise<string> {
  const l = await listen((_, res) => res.end());
  await l.close();
  return `${l.url}/.well-known/openid-configuration`;
}

describe('the Backend API refuses an enabled custom provider it could not use', () => {
  const endpoints = 'needs discovery_url, or authorization_url, token_url and jwks_url or userinfo_url';
  it.each([
    ['no endpoints at all', { ...ACME }, endpoints],
    [
      'authorization and token endpoints, but neither jwks_url nor userinfo_url',
      { ...ACME, authorization_url: 'https://id.acme.example/auth', token_url: 'https://id.acme.example/token' },
      endpoints,
    ],
    [
      'a token endpoint missing',
      { ...ACME, authorization_url: 'https://id.acme.example/auth', jwks_url: 'https://id.acme.example/jwks' },
      endpoints,
    ],
    [
      'no credentials',
      { discovery_url: 'https://id.acme.example' },
      'enabled without client_id and client_secret (production instances need their own)',
    ],
    [
      'a discovery URL in plain http to a host other than this machine',
      { ...ACME, discovery_url: 'http://id.acme.example' },
      'its URLs must be https (plain http only to localhost)',
    ],
    [
      'a token endpoint in plain http, the others https',
      {
        ...ACME,
        authorization_url: 'https://id.acme.example/auth',
        token_url: 'http://id.acme.example/token',
        userinfo_url: 'https://id.acme.example/userinfo',
      },
      'its URLs must be https (plain http only to localhost)',
    ],
  ])('%s', async (_, provider, message) => {
    const { server } = world;
    const r = await server.backend.patch('/v1/instance/settings', {
      social: { custom: { incomplete: { enabled: true, ...provider } } },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(r.body.errors[0]).toMatchObject({
      code: 'instance_settings_invalid',
      meta: { problems: [{ path: '/social/custom/incomplete', message }] },
    });
    // Nothing was stored: the provider is unknown to the Frontend API.
    const start = await server.browser().post('/v1/client/sign_ins', {
      strategy: 'oauth_custom_incomplete',
      redirect_url: CALLBACK_PAGE,
    });
    expect(start.body.errors[0]).toMatchObject({ code: 'oauth_provider_not_configured' });
  });

  it('keeps a disabled draft without endpoints, and refuses to start it', async () => {
    const { server } = world;
    const r = await server.backend.patch('/v1/instance/settings', {
      social: { custom: { draft: { enabled: false, name: 'Draft' } } },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.settings.social.custom.draft).toMatchObject({ enabled: false, name: 'Draft' });
    const start = await server.browser().post('/v1/client/sign_ins', {
      strategy: 'oauth_custom_draft',
      redirect_url: CALLBACK_PAGE,
    });
    expect(start.status).toBe(422);
    expect(start.body.errors[0]).toMatchObject({
      code: 'oauth_provider_not_configured',
      meta: { strategy: 'oauth_custom_draft', reason: 'not_enabled' },
    });
    await server.backend.patch('/v1/instance/settings', { social: { custom: { draft: null } } });
  });
});
