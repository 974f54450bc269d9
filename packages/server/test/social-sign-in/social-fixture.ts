/**
 * One Gatehouse server with real local providers behind its social sign-in: an OpenID
 * Connect provider (oidc-provider) as Google and as a custom discovery provider, and a
 * GitHub-speaking server, pointed at through the deployment's `GATEHOUSE_OAUTH_*` config.
 */
import type { SettingsPatch } from '@gatehouse/shared';
import { expect } from 'vitest';
import type { OAuthDeploymentConfig } from '../../src/config/env.ts';
import type { Browser, HttpResult } from '../fixtures/http-client.ts';
import { type GitHubServer, type GitHubUser, startGitHubServer } from '../fixtures/oauth/github-server.ts';
import { type OidcAccount, type OidcIdp, startOidcIdp } from '../fixtures/oauth/oidc-idp.ts';
import { followToCallback } from '../fixtures/oauth/user-agent.ts';
import { type StartOptions, startServer, type TestServer } from '../fixtures/server.ts';

export const APP = 'http://localhost:5173';
export const CALLBACK_PAGE = `${APP}/sso-callback`;
export const DONE_PAGE = `${APP}/dashboard`;

export interface SocialWorld {
  server: TestServer;
  idp: OidcIdp;
  github: GitHubServer;
  oauth: OAuthDeploymentConfig;
  close(): Promise<void>;
}

export const SOCIAL_SETTINGS: SettingsPatch = {
  attack_protection: { rate_limits: { enabled: false } },
  social: {
    providers: {
      google: { enabled: true, client_id: 'gatehouse-google', client_secret: 'google-secret' },
      github: { enabled: true, client_id: 'gatehouse-github', client_secret: 'github-secret' },
    },
    order: ['oauth_github', 'oauth_google'],
  },
};

export async function startSocialWorld(
  accounts: OidcAccount[],
  githubUsers: GitHubUser[],
  opts: StartOptions = {},
): Promise<SocialWorld> {
  const oauth: OAuthDeploymentConfig = { baseUrls: {}, devCredentials: {} };
  const server = await startServer({ settings: SOCIAL_SETTINGS, ...opts, oauth });
  const redirect = `${server.url}/v1/oauth_callback`;
  const idp = await startOidcIdp({
    clients: [
      { client_id: 'gatehouse-google', client_secret: 'google-secret', redirect_uris: [redirect] },
      { client_id: 'gatehouse-acme', client_secret: 'acme-secret', redirect_uris: [redirect] },
    ],
    accounts,
  });
  const github = await startGitHubServer({
    clients: [{ client_id: 'gatehouse-github', client_secret: 'github-secret', redirect_uris: [redirect] }],
    users: githubUsers,
  });
  oauth.baseUrls.google = idp.issuer;
  oauth.baseUrls.github = github.url;
  return {
    server,
    idp,
    github,
    oauth,
    async close() {
      await server.close();
      await idp.close();
      await github.close();
    },
  };
}

/** The provider's authorization URL a just-started sign-in or sign-up answered with. */
export function authorizationUrlOf(r: HttpResult): string {
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const body = r.body.response;
  const v = body.object === 'sign_up_attempt' ? body.verifications.external_account : body.first_factor_verification;
  const url = v?.external_verification_redirect_url ?? body.verification?.external_verification_redirect_url;
  expect(typeof url, JSON.stringify(body)).toBe('string');
  return url as string;
}

/**
 * The person's part: at the provider (whatever the fixture's queue decides), then back to
 * Gatehouse's callback in `browser`. Returns the callback's answer (a 303 to the app).
 */
export async function returnFromProvider(server: TestServer, browser: Browser, authorizationUrl: string) {
  const callback = await followToCallback(authorizationUrl, `${server.url}/v1/oauth_callback`);
  return browser.get(callback.slice(server.url.length));
}

/** Starts a social sign-in (or sign-up) and comes back; returns the client's flow after it. */
export async function socialRoundTrip(
  server: TestServer,
  browser: Browser,
  strategy: string,
  kind: 'sign_ins' | 'sign_ups' = 'sign_ins',
  extra: Record<string, unknown> = {},
) {
  const started = await browser.post(`/v1/client/${kind}`, { strategy, redirect_url: CALLBACK_PAGE, ...extra });
  const back = await returnFromProvider(server, browser, authorizationUrlOf(started));
  const client = (await browser.get('/v1/client')).body.response;
  return { started, back, client, signIn: client.sign_in, signUp: client.sign_up };
}
