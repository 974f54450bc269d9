/**
 * Connected accounts and the provider settings:
 * - a signed-in user connects GitHub from the profile (`POST /v1/me/external_accounts`), the
 *   callback fills the account; a provider account connected to someone else is refused;
 * - disconnecting never removes the last way to sign in; the Backend API disconnects too;
 * - an expired provider token is refreshed when the app reads it, and a refused refresh is
 *   a clear error;
 * - client secrets are write-only, production instances need their own credentials, and the
 *   environment lists enabled providers in the configured order.
 * @see issue 14 (social sign-in: connected accounts, configuration)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, uniqueEmail } from '../fixtures/flows.ts';
import { startServer } from '../fixtures/server.ts';
import {
  authorizationUrlOf,
  CALLBACK_PAGE,
  returnFromProvider,
  type SocialWorld,
  socialRoundTrip,
  startSocialWorld,
} from './social-fixture.ts';

let world: SocialWorld;
const octo = {
  id: 9001,
  login: 'octo',
  name: 'Octo Cat',
  emails: [{ email: uniqueEmail('octo'), primary: true, verified: true }],
};
const other = { id: 9002, login: 'other', emails: [{ email: uniqueEmail('other'), primary: true, verified: true }] };
const ada = { sub: 'google-connected', email: uniqueEmail('connected'), email_verified: true };

beforeAll(async () => {
  world = await startSocialWorld([ada], [octo, other]);
});
afterAll(() => world.close());

async function connectGitHub(browser: ReturnType<SocialWorld['server']['browser']>, userId: number) {
  const { server, github } = world;
  github.nextLogin({ userId });
  const started = await browser.post('/v1/me/external_accounts', {
    strategy: 'oauth_github',
    redirect_url: CALLBACK_PAGE,
    additional_scope: 'read:org',
  });
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  expect(started.body.response).toMatchObject({
    object: 'external_account',
    provider: 'oauth_github',
    verification: { status: 'unverified' },
  });
  const back = await returnFromProvider(server, browser, authorizationUrlOf(started));
  expect(back.status).toBe(303);
  return started.body.response.id as string;
}

describe('connecting and disconnecting providers', () => {
  it('connects GitHub to a password user, refuses it for a second user, and disconnects it', async () => {
    const { server } = world;
    const browser = server.browser();
    const owner = await signUp(server, browser);
    const id = await connectGitHub(browser, octo.id);
    const me = (await browser.get('/v1/me')).body.response;
    expect(me.external_accounts).toEqual([
      expect.objectContaining({
        id,
        provider: 'oauth_github',
        provider_user_id: '9001',
        username: 'octo',
        verification: expect.objectContaining({ status: 'verified' }),
      }),
    ]);
    expect(me.external_accounts[0].approved_scopes.split(' ')).toContain('read:org');

    // The same GitHub account, connected from another user: refused on that account.
    const intruder = server.browser();
    await signUp(server, intruder);
    const refusedId = await connectGitHub(intruder, octo.id);
    const theirs = (await intruder.get('/v1/me')).body.response.external_accounts;
    expect(theirs.find((a: { id: string }) => a.id === refusedId)).toMatchObject({
      verification: { status: 'failed', error: { code: 'external_account_exists' } },
    });

    // The password remains, so the account may go.
    const removed = await browser.delete(`/v1/me/external_accounts/${id}`);
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body.response).toEqual({ object: 'external_account', id, deleted: true });
    expect((await server.backend.get(`/v1/users/${owner.userId}`)).body.external_accounts).toEqual([]);
  });

  it("never disconnects a user's last way to sign in; with a second provider it may go", async () => {
    const { server, idp } = world;
    const browser = server.browser();
    idp.nextLogin({ accountId: ada.sub });
    await socialRoundTrip(server, browser, 'oauth_google', 'sign_ups');
    const me = (await browser.get('/v1/me')).body.response;
    expect(me.password_enabled).toBe(false);
    const google = me.external_accounts[0].id;
    const refused = await browser.delete(`/v1/me/external_accounts/${google}`);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].code).toBe('external_account_last_sign_in_method');

    await connectGitHub(browser, other.id);
    expect((await browser.delete(`/v1/me/external_accounts/${google}`)).status).toBe(200);
    // Through the Backend API an operator may remove any of them.
    const github = (await browser.get('/v1/me')).body.response.external_accounts[0].id;
    const r = await server.backend.delete(`/v1/users/${me.id}/external_accounts/${github}`);
    expect(r.status).toBe(200);
    expect((await server.backend.delete(`/v1/users/${me.id}/external_accounts/${github}`)).body.errors[0].code).toBe(
      'external_account_not_found',
    );
  });
});

describe('provider tokens for the app', () => {
  it('refreshes an expired access token when the app reads it, and says so when it cannot', async () => {
    const { server, idp } = world;
    const browser = server.browser();
    const owner = await signUp(server, browser);
    idp.nextLogin({ accountId: ada.sub });
    // ada's Google account belongs to the previous test's user: connect it to a fresh one instead.
    await server.backend.delete(`/v1/users/${(await userWithGoogle())!}`);
    const started = await browser.post('/v1/me/external_accounts', {
      strategy: 'oauth_google',
      redirect_url: CALLBACK_PAGE,
    });
    await returnFromProvider(server, browser, authorizationUrlOf(started));
    const first = await server.backend.get(`/v1/users/${owner.userId}/oauth_access_tokens/google`);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toHaveLength(1);
    const before = first.body[0].token as string;

    // Read again while fresh: no request to the provider.
    const tokenCalls = () => idp.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/token')).length;
    const calls = tokenCalls();
    expect((await server.backend.get(`/v1/users/${owner.userId}/oauth_access_tokens/google`)).body[0].token).toBe(
      before,
    );
    expect(tokenCalls()).toBe(calls);

    // Two hours later the token has expired: the read refreshes it at the provider.
    server.clock.advance(2 * 3600 * 1000);
    try {
      const refreshed = await server.backend.get(`/v1/users/${owner.userId}/oauth_access_tokens/oauth_google`);
      expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
      expect(refreshed.body[0].token).not.toBe(before);
      expect(refreshed.body[0].expires_at).toBeGreaterThan(server.clock.now());
      expect(tokenCalls()).toBe(calls + 1);

      server.clock.advance(2 * 3600 * 1000);
      idp.failNextToken('500');
      const refused = await server.backend.get(`/v1/users/${owner.userId}/oauth_access_tokens/oauth_google`);
      expect(refused.status).toBe(404);
      expect(refused.body.errors[0]).toMatchObject({
        code: 'external_account_token_unavailable',
        meta: { reason: 'refresh_refused' },
      });
    } finally {
      server.clock.advance(-4 * 3600 * 1000);
    }
  });
});

async function userWithGoogle(): Promise<string | null> {
  const users = (await world.server.backend.get('/v1/users?limit=100')).body as {
    id: string;
    external_accounts: { provider: string }[];
  }[];
  return users.find((u) => u.external_accounts.some((a) => a.provider === 'oauth_google'))?.id ?? null;
}

describe('provider settings', () => {
  it('keeps client secrets write-only, and lists enabled providers in order in the environment', async () => {
    const { server } = world;
    const settings = (await server.backend.get('/v1/instance')).body.settings;
    expect(settings.social.providers.google.client_secret).toBe('********');
    expect(JSON.stringify(await server.backend.get('/v1/instance'))).not.toContain('google-secret');
    // Sending the mask back keeps the secret: sign-in still works.
    const r = await server.backend.patch('/v1/instance/settings', {
      social: { providers: { google: { client_secret: '********' } } },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    world.idp.nextLogin({ deny: true });
    const { signIn } = await socialRoundTrip(server, server.browser(), 'oauth_google');
    expect(signIn.first_factor_verification.error.code).toBe('oauth_access_denied');

    const env = (await server.browser().get('/v1/environment')).body;
    expect(Object.keys(env.user_settings.social)).toEqual(['oauth_github', 'oauth_google']);
    expect(env.user_settings.social.oauth_google).toMatchObject({
      enabled: true,
      name: 'Google',
      strategy: 'oauth_google',
    });
  });

  it("serves each provider's mark as an inert SVG at the environment's logo_url", async () => {
    const { server } = world;
    const env = (await server.browser().get('/v1/environment')).body;
    const logo = env.user_settings.social.oauth_github.logo_url as string;
    expect(logo).toBe(`${server.url}/v1/oauth_logos/github.svg`);
    const res = await fetch(logo);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    const svg = await res.text();
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 24 24"[^>]*>(<path [^>]+\/>)+<\/svg>$/,
    );
    expect(svg).toContain('fill="#181717"');
    // Custom providers have no mark of their own: the globe.
    expect((await fetch(`${server.url}/v1/oauth_logos/globe.svg`)).status).toBe(200);
    const unknown = await server.browser().get('/v1/oauth_logos/myspace.svg');
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].code).toBe('resource_not_found');
    const bad = await server.browser().get('/v1/oauth_logos/..%2Fetc%2Fpasswd');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].code).toBe('form_param_format_invalid');
  });

  it('refuses to enable a provider without credentials on a production instance', async () => {
    const production = await startServer({ environment: 'production' });
    try {
      const r = await production.backend.patch('/v1/instance/settings', {
        social: { providers: { google: { enabled: true } } },
      });
      expect(r.status).toBe(422);
      expect(r.body.errors[0]).toMatchObject({
        code: 'instance_settings_invalid',
        meta: { problems: [expect.objectContaining({ path: '/social/providers/google' })] },
      });
      const ok = await production.backend.patch('/v1/instance/settings', {
        social: { providers: { google: { enabled: true, client_id: 'prod-id', client_secret: 'prod-secret' } } },
      });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    } finally {
      await production.close();
    }
  });

  it('lets a development instance lean on the deployment’s development credentials', async () => {
    const dev = await startServer({
      oauth: {
        baseUrls: { google: world.idp.issuer },
        devCredentials: { google: { clientId: 'gatehouse-google', clientSecret: 'google-secret' } },
      },
    });
    try {
      const r = await dev.backend.patch('/v1/instance/settings', {
        social: { providers: { google: { enabled: true } } },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const started = await dev
        .browser()
        .post('/v1/client/sign_ins', { strategy: 'oauth_google', redirect_url: CALLBACK_PAGE });
      expect(new URL(authorizationUrlOf(started)).searchParams.get('client_id')).toBe('gatehouse-google');
    } finally {
      await dev.close();
    }
  });
});
