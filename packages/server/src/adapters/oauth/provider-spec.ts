/**
 * What Gatehouse knows of one provider: how it speaks (OpenID Connect, found by discovery or
 * configured by hand, or plain OAuth 2.0 with a profile reader), its endpoints, scopes and
 * quirks. The named providers' specs are in `providers.ts` and `named/`; custom ones are built
 * from the instance's settings (`provider-config.ts`).
 */
import type { ProviderProfile } from '../../domain/external-accounts/external-account.ts';
import type { ClientSecretJwt } from './apple-client-secret.ts';
import type { DEFAULT_CLAIMS } from './claims-profile.ts';
import type { FetchJson } from './fetch-json.ts';

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
  /** Where requests for the issuer's host go instead (Microsoft's, moved by the deployment); tokens keep the issuer's `iss`. */
  requestBaseUrl?: string;
  /** How the token endpoint takes the client's credentials: HTTP Basic (the default) or the form body. */
  clientAuth?: 'basic' | 'body';
  /** Parameters every authorization request carries (Apple `response_mode=form_post`). */
  authorizationParams?: Record<string, string>;
  /** A client secret signed per use with this key (Sign in with Apple) instead of a configured one. */
  clientSecretJwt?: ClientSecretJwt;
  /** Reads the profile from the checked claims and the callback's parameters; default: `claims` by name. */
  profile?(claims: Record<string, unknown>, callbackParams: Record<string, string>): ProviderProfile | null;
}

export interface OAuth2Spec {
  kind: 'oauth2';
  authorizationUrl: string;
  tokenUrl: string;
  scopes: string[];
  accountSelector: Record<string, string>;
  pkce: boolean;
  /**
   * How the token endpoint takes the client's credentials: HTTP Basic (the default, arctic's
   * `OAuth2Client`), or `client_id`/`client_secret` in the form body (the providers whose arctic
   * class sends them so: Facebook, Twitch, Linear, Coinbase, TikTok).
   */
  clientAuth?: 'basic' | 'body';
  /** The name of the client id parameter, in the authorization URL and the token body. Default `client_id` (TikTok: `client_key`). */
  clientIdParam?: string;
  /** How scopes are joined in the authorization URL. Default a space (TikTok, Linear: a comma). */
  scopeSeparator?: string;
  /** Parameters every authorization request carries (Notion `owner=user`, Dropbox `token_access_type=offline`). */
  authorizationParams?: Record<string, string>;
  /** Reads the person behind an access token (the provider's own profile endpoints, or the token answer itself). */
  readProfile(accessToken: string, fetchJson: FetchJson, grant: TokenAnswer): Promise<ProviderProfile>;
}

/** What the token endpoint answered, for readers that find the account in it (Notion `owner`, TikTok `open_id`). */
export interface TokenAnswer {
  /** The token endpoint's JSON, as received. */
  data: Record<string, unknown>;
  /** The granted scopes (the requested ones when the provider did not say). */
  scopes: string[];
  /** The client id (Twitch's API wants it in a `Client-Id` header). */
  clientId: string;
  /** The client secret (Facebook's `appsecret_proof` is keyed with it). Never sent as such, never logged. */
  clientSecret: string;
}

export type ProviderSpec = OidcSpec | OAuth2Spec;
