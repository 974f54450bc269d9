/**
 * The server's half of one provider round trip, keyed by the SHA-256 of the `state` parameter
 * (256 random bits; only the provider and the browser see it). It binds the callback to the
 * client that started it, and holds the PKCE verifier and OIDC nonce, which never leave the
 * server. Single-use and short-lived.
 */
export type OAuthFlowKind = 'sign_in' | 'sign_up' | 'connect';

export interface OAuthState {
  stateHash: string;
  instanceId: string;
  clientId: string;
  flow: OAuthFlowKind;
  /** The sign-in, sign-up or external account (connect) the round trip belongs to. */
  flowId: string;
  strategy: string;
  codeVerifier: string;
  nonce: string;
  redirectUrl: string;
  actionCompleteRedirectUrl: string | null;
  expiresAt: number;
  createdAt: number;
}

/** A provider round trip must come back within this long. */
export const OAUTH_STATE_LIFETIME_MS = 10 * 60 * 1000;
