/**
 * The named providers' specs (`provider-spec.ts`): the OpenID Connect ones here, Microsoft and
 * Apple in their own files, the plain OAuth 2.0 ones in `named/`. `GATEHOUSE_OAUTH_<ID>_BASE_URL`
 * moves a provider for the whole deployment: the issuer of an OIDC one, the host of an OAuth 2.0
 * one. Every id of `NAMED_OAUTH_PROVIDERS` has one (the record's type says so).
 */
import type { NamedOAuthProviderId } from '@gatehouse/shared';
import { appleSpec } from './apple.ts';
import { claimsProfile, DEFAULT_CLAIMS } from './claims-profile.ts';
import { microsoftSpec } from './microsoft.ts';
import { bitbucketSpec } from './named/bitbucket.ts';
import { coinbaseSpec } from './named/coinbase.ts';
import { discordSpec } from './named/discord.ts';
import { dropboxSpec } from './named/dropbox.ts';
import { facebookSpec } from './named/facebook.ts';
import { githubSpec } from './named/github.ts';
import { linearSpec } from './named/linear.ts';
import { notionSpec } from './named/notion.ts';
import { spotifySpec } from './named/spotify.ts';
import { tiktokSpec } from './named/tiktok.ts';
import { twitchSpec } from './named/twitch.ts';
import { xSpec } from './named/x.ts';
import type { OidcSpec, ProviderSpec } from './provider-spec.ts';

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
const SPECS: Record<NamedOAuthProviderId, (base: string | undefined) => ProviderSpec> = {
  google: (base) => oidc(base ?? 'https://accounts.google.com'),
  // Tenant and key come from the instance's settings (`provider-config.ts`).
  microsoft: (base) => microsoftSpec(base),
  apple: (base) => appleSpec(base, null),
  // GitLab (Doorkeeper) has no account chooser: `prompt=select_account` is refused there as here.
  gitlab: (base) =>
    oidc(base ?? 'https://gitlab.com', { scopes: ['openid', 'email', 'profile', 'read_user'], accountSelector: {} }),
  slack: (base) => oidc(base ?? 'https://slack.com', { accountSelector: {} }),
  linkedin_oidc: (base) => oidc(base ?? 'https://www.linkedin.com/oauth', { accountSelector: {} }),
  // Plain OAuth 2.0 providers, one file each in ./named (endpoints, credential style, profile reader).
  github: githubSpec,
  facebook: facebookSpec,
  discord: discordSpec,
  x: xSpec,
  twitch: twitchSpec,
  spotify: spotifySpec,
  bitbucket: bitbucketSpec,
  notion: notionSpec,
  dropbox: dropboxSpec,
  linear: linearSpec,
  coinbase: coinbaseSpec,
  tiktok: tiktokSpec,
};

export function namedProviderSpec(id: NamedOAuthProviderId, baseUrl: string | undefined): ProviderSpec {
  return SPECS[id](baseUrl);
}

export { claimsProfile };
