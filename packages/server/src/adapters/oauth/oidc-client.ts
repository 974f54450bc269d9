/**
 * OpenID Connect providers through openid-client: discovery (cached per issuer and client for
 * an hour, failures not cached), the authorization URL with PKCE (S256), `state` and `nonce`,
 * and the code exchange, which checks the ID token's signature (non-repudiation checks, on),
 * issuer, audience, expiry and nonce (openid-client's checks; none are turned off). The profile is the ID token's claims,
 * completed from UserInfo when the token lacks the email.
 *
 * Plain http is allowed only to loopback (a provider-compatible server on the same machine,
 * as tests and `GATEHOUSE_OAUTH_<ID>_BASE_URL=http://127.0.0.1:...` use).
 *
 * What a spec may add: requests for the issuer's host sent elsewhere (`requestBaseUrl`:
 * Microsoft keeps its issuer, and openid-client its Entra ID tenant handling, wherever the
 * requests go), credentials in the form body, a client secret signed per use (Apple), fixed
 * authorization parameters, and its own reading of the claims.
 */
import { GatehouseError } from '@gatehouse/shared';
import * as oidc from 'openid-client';
import type { ProviderGrant, ProviderProfile } from '../../domain/external-accounts/external-account.ts';
import type { AuthorizationRequest, CallbackExchange } from '../../domain/external-accounts/oauth-gateway.ts';
import { clientSecretJwt } from './apple-client-secret.ts';
import { claimsProfile } from './claims-profile.ts';
import { PromiseCache } from './promise-cache.ts';
import { providerFailure, TIMEOUT_MS } from './provider-failure.ts';
import type { OidcSpec } from './provider-spec.ts';
import { isLoopbackHttp } from './secure-url.ts';

interface OidcClientInput {
  spec: OidcSpec;
  clientId: string;
  clientSecret: string;
}

const CACHE_MS = 60 * 60 * 1000;
const cache = new PromiseCache<oidc.Configuration>();

/** The client's authentication at the token endpoint. */
function clientAuth({ spec, clientId, clientSecret }: OidcClientInput): oidc.ClientAuth {
  const jwt = spec.clientSecretJwt;
  // oauth4webapi awaits the authentication, so a secret can be signed (or reused) at each use.
  if (jwt) return async (...args) => oidc.ClientSecretPost(await clientSecretJwt(jwt, clientId))(...args);
  return spec.clientAuth === 'body' ? oidc.ClientSecretPost(clientSecret) : oidc.ClientSecretBasic(clientSecret);
}

/** A fetch that sends the requests for `from`'s origin to `to` instead. */
function rerouted(from: string, to: string): oidc.CustomFetch {
  const origin = new URL(from).origin;
  const base = to.replace(/\/+$/, '');
  return (url, options) =>
    // openid-client's options are fetch's own (its body type is only spelled more widely).
    fetch(
      url === origin || url.startsWith(`${origin}/`) ? base + url.slice(origin.length) : url,
      options as RequestInit,
    );
}

async function configuration(input: OidcClientInput): Promise<oidc.Configuration> {
  const { spec, clientId, clientSecret } = input;
  const key = JSON.stringify([
    spec.issuer,
    spec.metadata ?? null,
    spec.requestBaseUrl ?? null,
    spec.clientAuth ?? null,
    spec.clientSecretJwt ?? null,
    clientId,
    clientSecret,
  ]);
  try {
    return await cache.get(key, Date.now(), () => ({ value: discover(input), until: Date.now() + CACHE_MS }));
  } catch (e) {
    throw providerFailure('discovery_failed', e);
  }
}

/** The provider's configuration: discovered from its issuer, or its endpoints as configured. */
async function discover(input: OidcClientInput): Promise<oidc.Configuration> {
  const { spec, clientId } = input;
  const insecure = isLoopbackHttp(spec.requestBaseUrl ?? spec.issuer) ? [oidc.allowInsecureRequests] : [];
  const auth = clientAuth(input);
  const reroute = spec.requestBaseUrl ? rerouted(spec.issuer, spec.requestBaseUrl) : undefined;
  let c: oidc.Configuration;
  if (spec.metadata) {
    c = new oidc.Configuration({ issuer: spec.issuer, ...spec.metadata }, clientId, undefined, auth);
    for (const f of insecure) f(c);
    if (reroute) c[oidc.customFetch] = reroute;
  } else {
    c = await oidc.discovery(new URL(spec.issuer), clientId, undefined, auth, {
      execute: insecure,
      timeout: TIMEOUT_MS / 1000,
      ...(reroute ? { [oidc.customFetch]: reroute } : {}),
    });
  }
  c.timeout = TIMEOUT_MS / 1000;
  // openid-client trusts the TLS channel for ID tokens from the token endpoint (OIDC Core
  // 3.1.3.7 allows it); Gatehouse checks their signature against the provider's JWKS too.
  oidc.enableNonRepudiationChecks(c);
  return c;
}

export async function oidcAuthorizationUrl(
  input: OidcClientInput,
  req: AuthorizationRequest,
  scopes: string[],
  params: Record<string, string>,
): Promise<string> {
  const config = await configuration(input);
  return oidc
    .buildAuthorizationUrl(config, {
      ...params,
      ...input.spec.authorizationParams,
      redirect_uri: req.redirectUri,
      scope: scopes.join(' '),
      state: req.state,
      nonce: req.nonce,
      ...(input.spec.pkce
        ? { code_challenge: await oidc.calculatePKCECodeChallenge(req.codeVerifier), code_challenge_method: 'S256' }
        : {}),
    })
    .toString();
}

const tokensOf = (t: oidc.TokenEndpointResponse, requested: string[]): ProviderGrant => ({
  accessToken: t.access_token,
  refreshToken: t.refresh_token ?? null,
  idToken: t.id_token ?? null,
  expiresInSeconds: typeof t.expires_in === 'number' ? t.expires_in : null,
  scopes: typeof t.scope === 'string' ? t.scope.split(' ').filter(Boolean) : requested,
});

export async function oidcExchange(
  input: OidcClientInput,
  callback: CallbackExchange,
  scopes: string[],
): Promise<{ profile: ProviderProfile; tokens: ProviderGrant }> {
  const config = await configuration(input);
  const current = new URL(callback.redirectUri);
  for (const [k, v] of Object.entries(callback.params)) current.searchParams.set(k, v);
  let response: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    response = await oidc.authorizationCodeGrant(config, current, {
      expectedState: callback.state,
      expectedNonce: callback.nonce,
      idTokenExpected: true,
      ...(input.spec.pkce ? { pkceCodeVerifier: callback.codeVerifier } : {}),
    });
  } catch (e) {
    throw providerFailure('token_exchange_failed', e);
  }
  const claims: Record<string, unknown> = { ...response.claims() };
  if (!claims[input.spec.claims.email] && config.serverMetadata().userinfo_endpoint) {
    try {
      Object.assign(claims, await oidc.fetchUserInfo(config, response.access_token, String(claims.sub)), {
        sub: claims.sub,
      });
    } catch (e) {
      throw providerFailure('userinfo_failed', e);
    }
  }
  const profile = input.spec.profile
    ? input.spec.profile(claims, callback.params)
    : claimsProfile(claims, input.spec.claims);
  if (!profile) throw new GatehouseError('oauth_provider_error', { meta: { reason: 'profile_malformed' } });
  return { profile, tokens: tokensOf(response, scopes) };
}

export async function oidcRefresh(input: OidcClientInput, refreshToken: string): Promise<ProviderGrant> {
  const config = await configuration(input);
  try {
    const t = await oidc.refreshTokenGrant(config, refreshToken);
    return { ...tokensOf(t, []), refreshToken: t.refresh_token ?? refreshToken };
  } catch (e) {
    throw providerFailure('refresh_failed', e);
  }
}
