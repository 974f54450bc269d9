/**
 * One instance's provider, resolved from its settings and the deployment's configuration:
 * which protocol and endpoints, which credentials (the instance's own, or on a development
 * instance the deployment's development ones), which scopes and extra parameters.
 */
import {
  CUSTOM_OAUTH_STRATEGY_PREFIX,
  GatehouseError,
  NAMED_OAUTH_PROVIDERS,
  type NamedOAuthProviderId,
  OAUTH_STRATEGY_PREFIX,
} from '@gatehouse/shared';
import type { InstanceSettings } from '@gatehouse/shared/instance-settings';
import type { OAuthDeploymentConfig } from '../../config/env.ts';
import type { Instance } from '../../domain/instances/instance.ts';
import { type AppleKey, appleSpec } from './apple.ts';
import { claimsProfile } from './claims-profile.ts';
import { microsoftSpec } from './microsoft.ts';
import type { ProviderSpec } from './provider-spec.ts';
import { namedProviderSpec } from './providers.ts';
import { isSecureProviderUrl } from './secure-url.ts';

export interface ResolvedProvider {
  strategy: string;
  name: string;
  spec: ProviderSpec;
  clientId: string;
  /** Empty when the spec signs one per use (`clientSecretJwt`: Apple with a key). */
  clientSecret: string;
  scopes: string[];
  authorizationParams: Record<string, string>;
  accountSelector: boolean;
}

/** Parameters the protocol owns: settings cannot override them. */
const RESERVED_PARAMS = new Set([
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'redirect_uri',
  'client_id',
  'response_type',
  'response_mode',
  'scope',
]);

type NamedSettings = InstanceSettings['social']['providers'];
type ProviderSettings = NamedSettings[NamedOAuthProviderId];
type CustomSettings = InstanceSettings['social']['custom'][string];

const notConfigured = (strategy: string, reason: string) =>
  new GatehouseError('oauth_provider_not_configured', { meta: { param_name: 'strategy', strategy, reason } });

/** Which settings a strategy names: a named provider, a custom one, or none. */
export function providerSettings(
  settings: InstanceSettings,
  strategy: string,
): { id: string; custom: boolean; settings: ProviderSettings | CustomSettings } | null {
  if (strategy.startsWith(CUSTOM_OAUTH_STRATEGY_PREFIX)) {
    const name = strategy.slice(CUSTOM_OAUTH_STRATEGY_PREFIX.length);
    const custom = Object.hasOwn(settings.social.custom, name) ? settings.social.custom[name] : undefined;
    return custom ? { id: name, custom: true, settings: custom } : null;
  }
  if (!strategy.startsWith(OAUTH_STRATEGY_PREFIX)) return null;
  const id = strategy.slice(OAUTH_STRATEGY_PREFIX.length);
  const named = NAMED_OAUTH_PROVIDERS.find((p) => p.id === id);
  return named ? { id, custom: false, settings: settings.social.providers[named.id] } : null;
}

/** A custom provider's URLs are all https (or plain http to this machine). */
const customUrlsSecure = (c: CustomSettings): boolean =>
  [c.discovery_url, c.authorization_url, c.token_url, c.userinfo_url, c.jwks_url, c.issuer]
    .filter((u): u is string => typeof u === 'string')
    .every(isSecureProviderUrl);

function customSpec(c: CustomSettings): ProviderSpec | null {
  const base = { scopes: [], accountSelector: { prompt: 'select_account' }, pkce: c.pkce };
  if (c.discovery_url)
    return {
      ...base,
      kind: 'oidc',
      issuer: c.discovery_url.replace(/\/\.well-known\/openid-configuration$/, ''),
      claims: c.claims,
    };
  if (!c.authorization_url || !c.token_url) return null;
  if (c.jwks_url)
    return {
      ...base,
      kind: 'oidc',
      issuer: c.issuer ?? new URL(c.authorization_url).origin,
      claims: c.claims,
      metadata: {
        authorization_endpoint: c.authorization_url,
        token_endpoint: c.token_url,
        jwks_uri: c.jwks_url,
        ...(c.userinfo_url ? { userinfo_endpoint: c.userinfo_url } : {}),
      },
    };
  const userinfo = c.userinfo_url;
  if (!userinfo) return null;
  return {
    ...base,
    kind: 'oauth2',
    authorizationUrl: c.authorization_url,
    tokenUrl: c.token_url,
    async readProfile(token, fetchJson) {
      const claims = await fetchJson(userinfo, token);
      const profile =
        claims && typeof claims === 'object' ? claimsProfile(claims as Record<string, unknown>, c.claims) : null;
      if (!profile) throw new GatehouseError('oauth_provider_error', { meta: { reason: 'userinfo_malformed' } });
      return profile;
    },
  };
}

/** Sign in with Apple's key, when all three parts are set. */
function appleKey(s: NamedSettings['apple']): AppleKey | null {
  const { team_id, key_id, private_key } = s;
  return team_id && key_id && private_key ? { teamId: team_id, keyId: key_id, privateKey: private_key } : null;
}

/** A named provider's spec; Microsoft's issuer names the instance's tenant, Apple's secret comes from its key. */
function namedSpec(id: NamedOAuthProviderId, settings: NamedSettings, deployment: OAuthDeploymentConfig): ProviderSpec {
  const base = deployment.baseUrls[id];
  if (id === 'microsoft') return microsoftSpec(base, settings.microsoft.tenant);
  if (id === 'apple') return appleSpec(base, appleKey(settings.apple));
  return namedProviderSpec(id, base);
}

/**
 * The provider behind `strategy` for this instance, ready to use; `oauth_provider_not_configured`
 * when it is unknown, disabled, not supported yet, or has no credentials.
 */
export function resolveProvider(
  instance: Instance,
  strategy: string,
  deployment: OAuthDeploymentConfig,
): ResolvedProvider {
  const found = providerSettings(instance.settings, strategy);
  if (!found?.settings.enabled) throw notConfigured(strategy, 'not_enabled');
  const s = found.settings;
  if (found.custom && !customUrlsSecure(s as CustomSettings)) throw notConfigured(strategy, 'endpoint_not_https');
  const spec = found.custom
    ? customSpec(s as CustomSettings)
    : namedSpec(found.id as NamedOAuthProviderId, instance.settings.social.providers, deployment);
  if (!spec) throw notConfigured(strategy, 'endpoints_missing');
  const dev = instance.environment === 'development' && !s.client_id ? deployment.devCredentials[found.id] : undefined;
  const clientId = s.client_id ?? dev?.clientId;
  const signed = spec.kind === 'oidc' && spec.clientSecretJwt !== undefined;
  const clientSecret = signed ? '' : (s.client_secret ?? dev?.clientSecret);
  if (!clientId || (!signed && !clientSecret)) throw notConfigured(strategy, 'credentials_missing');
  const name = found.custom
    ? (s as CustomSettings).name
    : (NAMED_OAUTH_PROVIDERS.find((p) => p.id === found.id)?.name ?? found.id);
  return {
    strategy,
    name,
    spec,
    clientId,
    clientSecret: clientSecret ?? '',
    scopes: [...new Set([...spec.scopes, ...(s.scopes ?? [])])],
    authorizationParams: Object.fromEntries(
      Object.entries(s.authorization_params).filter(([k]) => !RESERVED_PARAMS.has(k)),
    ),
    accountSelector: s.always_show_account_selector,
  };
}

/** The enabled providers of an instance, in button order: `social.order` first, then the built-in order. */
export function enabledProviders(
  instance: Instance,
  deployment: OAuthDeploymentConfig,
): { strategy: string; name: string }[] {
  const { social } = instance.settings;
  const all = [
    ...NAMED_OAUTH_PROVIDERS.map((p) => `${OAUTH_STRATEGY_PREFIX}${p.id}`),
    ...Object.keys(social.custom).map((n) => `${CUSTOM_OAUTH_STRATEGY_PREFIX}${n}`),
  ];
  const ordered = [...social.order.filter((s) => all.includes(s)), ...all.filter((s) => !social.order.includes(s))];
  const out: { strategy: string; name: string }[] = [];
  for (const strategy of ordered) {
    try {
      out.push({ strategy, name: resolveProvider(instance, strategy, deployment).name });
    } catch {
      // Disabled or not usable: no button.
    }
  }
  return out;
}
