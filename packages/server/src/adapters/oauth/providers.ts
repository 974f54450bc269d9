/**
 * How each named provider speaks: OpenID Connect (found by discovery from its issuer) or plain
 * OAuth 2.0 (endpoints and a profile reader). `GATEHOUSE_OAUTH_<ID>_BASE_URL` moves a provider
 * for the whole deployment: the issuer of an OIDC one, the host of an OAuth 2.0 one.
 *
 * Only the providers listed here can be enabled; the rest of `NAMED_OAUTH_PROVIDERS` are
 * refused with `oauth_provider_not_configured` until their adapter lands.
 */
import type { NamedOAuthProviderId } from '@gatehouse/shared';
import type { ProviderProfile } from '../../domain/external-accounts/external-account.ts';
import { claimsProfile, DEFAULT_CLAIMS } from './claims-profile.ts';
import type { FetchJson } from './fetch-json.ts';
import { readGitHubProfile } from './github-profile.ts';

export interface OidcSpec {
  kind: 'oidc';
  issuer: string;
  /** Endpoints configured by hand (a custom provider without discovery); else discovered from the issuer. */
  metadata?: { authorization_endpoint: string; token_endpoint: string; userinfo_endpoint?: string; jwks_uri: string };
  scopes: string[];
  /** Extra authorization parameters that make the provider show its account chooser. */
  accountSelector: Record<string, string>;
  pkce: boolean;
  claims: typeof DEFAULT_CLAIMS;
}

export interface OAuth2Spec {
  kind: 'oauth2';
  authorizationUrl: string;
  tokenUrl: string;
  scopes: string[];
  accountSelector: Record<string, string>;
  pkce: boolean;
  /** Reads the person behind an access token (the provider's own profile endpoints). */
  readProfile(accessToken: string, fetchJson: FetchJson): Promise<ProviderProfile>;
}

export type ProviderSpec = OidcSpec | OAuth2Spec;

const oidc = (issuer: string, extra: Partial<OidcSpec> = {}): OidcSpec => ({
  kind: 'oidc',
  issuer,
  scopes: ['openid', 'email', 'profile'],
  accountSelector: { prompt: 'select_account' },
  pkce: true,
  claims: DEFAULT_CLAIMS,
  ...extra,
});

/** Builds a provider's spec, at its own hosts or under the deployment's base URL. */
const SPECS: Partial<Record<NamedOAuthProviderId, (base: string | undefined) => ProviderSpec>> = {
  google: (base) => oidc(base ?? 'https://accounts.google.com'),
  gitlab: (base) => oidc(base ?? 'https://gitlab.com', { scopes: ['openid', 'email', 'profile', 'read_user'] }),
  slack: (base) => oidc(base ?? 'https://slack.com', { accountSelector: {} }),
  linkedin_oidc: (base) => oidc(base ?? 'https://www.linkedin.com/oauth', { accountSelector: {} }),
  // GitHub Enterprise Server's layout: one host, the REST API under /api/v3.
  github: (base) => {
    const api = base ? `${base}/api/v3` : 'https://api.github.com';
    return {
      kind: 'oauth2',
      authorizationUrl: `${base ?? 'https://github.com'}/login/oauth/authorize`,
      tokenUrl: `${base ?? 'https://github.com'}/login/oauth/access_token`,
      scopes: ['read:user', 'user:email'],
      accountSelector: { prompt: 'select_account' },
      pkce: true,
      readProfile: (token, fetchJson) => readGitHubProfile(api, token, fetchJson),
    };
  },
};

export const supportedNamedProvider = (id: string): id is NamedOAuthProviderId => id in SPECS;

export function namedProviderSpec(id: NamedOAuthProviderId, baseUrl: string | undefined): ProviderSpec | null {
  return SPECS[id]?.(baseUrl) ?? null;
}

export { claimsProfile };
