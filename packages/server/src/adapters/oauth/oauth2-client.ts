/**
 * Plain OAuth 2.0 providers (GitHub, custom ones without ID tokens) through arctic's generic
 * `OAuth2Client`: the authorization URL with PKCE (S256) where the provider takes it, the code
 * exchange and refresh (client credentials in HTTP Basic, as arctic sends them), then the
 * provider's profile endpoints. arctic takes no abort signal: each call races the provider
 * budget instead.
 */
import { CodeChallengeMethod, OAuth2Client, type OAuth2Tokens } from 'arctic';
import type { ProviderGrant, ProviderProfile } from '../../domain/external-accounts/external-account.ts';
import type { AuthorizationRequest, CallbackExchange } from '../../domain/external-accounts/oauth-gateway.ts';
import { fetchJson } from './fetch-json.ts';
import { providerFailure, withTimeout } from './provider-failure.ts';
import type { OAuth2Spec } from './providers.ts';

interface OAuth2Input {
  spec: OAuth2Spec;
  clientId: string;
  clientSecret: string;
}

export function oauth2AuthorizationUrl(
  { spec, clientId, clientSecret }: OAuth2Input,
  req: AuthorizationRequest,
  scopes: string[],
  params: Record<string, string>,
): string {
  const client = new OAuth2Client(clientId, clientSecret, req.redirectUri);
  const url = spec.pkce
    ? client.createAuthorizationURLWithPKCE(
        spec.authorizationUrl,
        req.state,
        CodeChallengeMethod.S256,
        req.codeVerifier,
        scopes,
      )
    : client.createAuthorizationURL(spec.authorizationUrl, req.state, scopes);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

const tokensOf = (t: OAuth2Tokens, requested: string[]): ProviderGrant => {
  const data = t.data as Record<string, unknown>;
  return {
    accessToken: t.accessToken(),
    refreshToken: t.hasRefreshToken() ? t.refreshToken() : null,
    idToken: null,
    expiresInSeconds: typeof data.expires_in === 'number' ? data.expires_in : null,
    // GitHub grants a comma-separated list; RFC 6749 a space-separated one.
    scopes: typeof data.scope === 'string' ? data.scope.split(/[ ,]+/).filter(Boolean) : requested,
  };
};

/**
 * GitHub answers a refused code with HTTP 200 and an `error` field, which arctic's generic
 * client hands back as tokens: it is an error all the same.
 */
function assertNoTokenError(t: OAuth2Tokens) {
  const data = t.data as Record<string, unknown>;
  if (typeof data.error === 'string') throw Object.assign(new Error('token endpoint refused'), { error: data.error });
}

export async function oauth2Exchange(
  input: OAuth2Input,
  callback: CallbackExchange,
  scopes: string[],
): Promise<{ profile: ProviderProfile; tokens: ProviderGrant }> {
  const code = callback.params.code;
  if (!code) throw providerFailure('code_missing', new Error('the callback had no code'));
  const client = new OAuth2Client(input.clientId, input.clientSecret, callback.redirectUri);
  let tokens: ProviderGrant;
  try {
    const t = await withTimeout(
      client.validateAuthorizationCode(input.spec.tokenUrl, code, input.spec.pkce ? callback.codeVerifier : null),
      'token_exchange',
    );
    assertNoTokenError(t);
    tokens = tokensOf(t, scopes);
  } catch (e) {
    throw providerFailure('token_exchange_failed', e);
  }
  return { profile: await input.spec.readProfile(tokens.accessToken, fetchJson), tokens };
}

export async function oauth2Refresh(input: OAuth2Input, refreshToken: string): Promise<ProviderGrant> {
  const client = new OAuth2Client(input.clientId, input.clientSecret, null);
  try {
    const t = await withTimeout(client.refreshAccessToken(input.spec.tokenUrl, refreshToken, []), 'refresh');
    assertNoTokenError(t);
    return { ...tokensOf(t, []), refreshToken: t.hasRefreshToken() ? t.refreshToken() : refreshToken };
  } catch (e) {
    throw providerFailure('refresh_failed', e);
  }
}
