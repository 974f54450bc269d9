/**
 * The port to social providers: build the authorization URL, turn the callback into a profile
 * and tokens, refresh tokens. `adapters/oauth` implements it with openid-client (OIDC) and
 * arctic (OAuth 2.0). Every provider failure is a `GatehouseError` (`oauth_provider_error`,
 * `oauth_access_denied`, `oauth_provider_not_configured`), never a raw exception.
 */
import type { Instance } from '../instances/instance.ts';
import type { ProviderGrant, ProviderProfile } from './external-account.ts';

export interface AuthorizationRequest {
  redirectUri: string;
  state: string;
  codeVerifier: string;
  nonce: string;
  additionalScopes?: string[];
}

export interface CallbackExchange {
  redirectUri: string;
  /** The callback's parameters (query, or the form body of a form_post). */
  params: Record<string, string>;
  state: string;
  codeVerifier: string;
  nonce: string;
}

export interface OAuthGateway {
  /** Enabled, supported and with credentials, in button order. */
  enabledProviders(instance: Instance): { strategy: string; name: string }[];
  /** Throws `oauth_provider_not_configured` unless the strategy can be used on this instance now. */
  assertAvailable(instance: Instance, strategy: string): void;
  authorizationUrl(instance: Instance, strategy: string, req: AuthorizationRequest): Promise<string>;
  exchange(
    instance: Instance,
    strategy: string,
    callback: CallbackExchange,
  ): Promise<{ profile: ProviderProfile; tokens: ProviderGrant }>;
  refresh(instance: Instance, strategy: string, refreshToken: string): Promise<ProviderGrant>;
}
