/**
 * Plain OAuth 2.0 providers (GitHub, Discord, Twitch..., custom ones without ID tokens) through
 * arctic: the authorization URL with PKCE (S256) where the provider takes it, the code exchange
 * and refresh, then the provider's profile endpoints. Client credentials go the way each
 * provider takes them: HTTP Basic through arctic's generic `OAuth2Client`, or in the form body
 * through the request helpers arctic's own body-credential providers (Twitch, TikTok...) use.
 * arctic takes no abort signal: each call races the provider budget instead.
 */
import { CodeChallengeMethod, OAuth2Client, type OAuth2Tokens } from 'arctic';
import { createOAuth2Request, sendTokenRequest } from 'arctic/dist/request.js';
import type { ProviderGrant, ProviderProfile } from '../../domain/external-accounts/external-account.ts';
import type { AuthorizationRequest, CallbackExchange } from '../../domain/external-accounts/oauth-gateway.ts';
import { fetchJson } from './fetch-json.ts';
import { providerFailure, withTimeout } from './provider-failure.ts';
import type { OAuth2Spec } from './provider-spec.ts';

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
  if (spec.clientIdParam && spec.clientIdParam !== 'client_id') {
    url.searchParams.delete('client_id');
    url.searchParams.set(spec.clientIdParam, clientId);
  }
  if (spec.scopeSeparator && scopes.length > 0) url.searchParams.set('scope', scopes.join(spec.scopeSeparator));
  for (const [k, v] of Object.entries({ ...spec.authorizationParams, ...params })) url.searchParams.set(k, v);
  return url.toString();
}

/** The granted scopes: `scope` as RFC 6749 (space-separated), GitHub and TikTok (comma-separated), Twitch (an array); Bitbucket's `scopes`. */
function grantedScopes(data: Record<string, unknown>, requested: string[]): string[] {
  const raw = data.scope ?? data.scopes;
  if (Array.isArray(raw)) return raw.filter((s): s is string => typeof s === 'string');
  return typeof raw === 'string' ? raw.split(/[ ,]+/).filter(Boolean) : requested;
}

const tokensOf = (t: OAuth2Tokens, requested: string[]): ProviderGrant => {
  const data = t.data as Record<string, unknown>;
  return {
    accessToken: t.accessToken(),
    refreshToken: t.hasRefreshToken() ? t.refreshToken() : null,
    idToken: null,
    expiresInSeconds: typeof data.expires_in === 'number' ? data.expires_in : null,
    scopes: grantedScopes(data, requested),
  };
};

/**
 * GitHub (and TikTok) may answer a refused code with HTTP 200 and an `error` field, which
 * arctic hands back as tokens: it is an error all the same.
 */
function assertNoTokenError(t: OAuth2Tokens) {
  const data = t.data as Record<string, unknown>;
  if (typeof data.error === 'string') throw Object.assign(new Error('token endpoint refused'), { error: data.error });
}

/** A token request with the client's credentials in the form body, as arctic's body-credential providers send it. */
function bodyTokenRequest(input: OAuth2Input, fields: Record<string, string>): Promise<OAuth2Tokens> {
  const body = new URLSearchParams(fields);
  body.set(input.spec.clientIdParam ?? 'client_id', input.clientId);
  body.set('client_secret', input.clientSecret);
  return sendTokenRequest(createOAuth2Request(input.spec.tokenUrl, body));
}

export async function oauth2Exchange(
  input: OAuth2Input,
  callback: CallbackExchange,
  scopes: string[],
): Promise<{ profile: ProviderProfile; tokens: ProviderGrant }> {
  const code = callback.params.code;
  if (!code) throw providerFailure('code_missing', new Error('the callback had no code'));
  const { spec } = input;
  const verifier = spec.pkce ? callback.codeVerifier : null;
  let t: OAuth2Tokens;
  let tokens: ProviderGrant;
  try {
    t = await withTimeout(
      spec.clientAuth === 'body'
        ? bodyTokenRequest(input, {
            grant_type: 'authorization_code',
            code,
            redirect_uri: callback.redirectUri,
            ...(verifier ? { code_verifier: verifier } : {}),
          })
        : new OAuth2Client(input.clientId, input.clientSecret, callback.redirectUri).validateAuthorizationCode(
            spec.tokenUrl,
            code,
            verifier,
          ),
      'token_exchange',
    );
    assertNoTokenError(t);
    tokens = tokensOf(t, scopes);
  } catch (e) {
    throw providerFailure('token_exchange_failed', e);
  }
  const answer = {
    data: t.data as Record<string, unknown>,
    scopes: tokens.scopes,
    clientId: input.clientId,
    clientSecret: input.clientSecret,
  };
  return { profile: await spec.readProfile(tokens.accessToken, fetchJson, answer), tokens };
}

export async function oauth2Refresh(input: OAuth2Input, refreshToken: string): Promise<ProviderGrant> {
  try {
    const t = await withTimeout(
      input.spec.clientAuth === 'body'
        ? bodyTokenRequest(input, { grant_type: 'refresh_token', refresh_token: refreshToken })
        : new OAuth2Client(input.clientId, input.clientSecret, null).refreshAccessToken(
            input.spec.tokenUrl,
            refreshToken,
            [],
          ),
      'refresh',
    );
    assertNoTokenError(t);
    // A provider that keeps the refresh token (Dropbox, often Spotify) sends no new one.
    return { ...tokensOf(t, []), refreshToken: t.hasRefreshToken() ? t.refreshToken() : refreshToken };
  } catch (e) {
    throw providerFailure('refresh_failed', e);
  }
}
