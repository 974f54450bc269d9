/**
 * GitHub OAuth apps: HTTP Basic client credentials through arctic's generic client, PKCE, and
 * the REST API: `GET /user` for the account, `GET /user/emails` for the addresses and their
 * `verified` flags (the public `email` of `/user` says nothing about verification). The
 * primary address is taken when verified; else any verified one; else the primary one,
 * unverified.
 *
 * With `GATEHOUSE_OAUTH_GITHUB_BASE_URL=B`, GitHub Enterprise Server's layout: one host,
 * `B/login/oauth/…`, the REST API under `B/api/v3`.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { ProviderProfile } from '../../../domain/external-accounts/external-account.ts';
import { httpsUrl, splitName } from '../claims-profile.ts';
import type { FetchJson } from '../fetch-json.ts';
import type { OAuth2Spec } from '../provider-spec.ts';

interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

const malformed = (what: string) =>
  new GatehouseError('oauth_provider_error', { meta: { provider: 'github', reason: `${what}_malformed` } });

async function readGitHubProfile(api: string, token: string, fetchJson: FetchJson): Promise<ProviderProfile> {
  const user = (await fetchJson(`${api}/user`, token)) as Record<string, unknown> | null;
  if (!user || typeof user !== 'object' || (typeof user.id !== 'number' && typeof user.id !== 'string'))
    throw malformed('user');
  const raw = await fetchJson(`${api}/user/emails`, token).catch((e: unknown) => {
    // Without the user:email scope GitHub answers 404: the account simply has no readable email.
    if (e instanceof GatehouseError && e.meta.status === 404) return [];
    throw e;
  });
  if (!Array.isArray(raw)) throw malformed('emails');
  const emails = raw.filter(
    (e): e is GitHubEmail =>
      typeof e === 'object' && e !== null && typeof e.email === 'string' && typeof e.verified === 'boolean',
  );
  const chosen =
    emails.find((e) => e.primary && e.verified) ?? emails.find((e) => e.verified) ?? emails.find((e) => e.primary);
  const [firstName, lastName] = typeof user.name === 'string' ? splitName(user.name) : [null, null];
  return {
    providerUserId: String(user.id),
    email: chosen ? chosen.email.toLowerCase() : null,
    emailVerified: chosen?.verified === true,
    firstName,
    lastName,
    username: typeof user.login === 'string' ? user.login.slice(0, 64) : null,
    imageUrl: httpsUrl(user.avatar_url),
  };
}

export function githubSpec(base: string | undefined): OAuth2Spec {
  const web = base ?? 'https://github.com';
  const api = base ? `${base}/api/v3` : 'https://api.github.com';
  return {
    kind: 'oauth2',
    authorizationUrl: `${web}/login/oauth/authorize`,
    tokenUrl: `${web}/login/oauth/access_token`,
    scopes: ['read:user', 'user:email'],
    accountSelector: { prompt: 'select_account' },
    pkce: true,
    readProfile: (token, fetchJson) => readGitHubProfile(api, token, fetchJson),
  };
}
