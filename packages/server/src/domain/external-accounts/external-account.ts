/**
 * A provider account (Google, GitHub, a custom OIDC provider) connected to a user. The pair
 * (instance, provider, provider user id) is unique: one provider account belongs to one user.
 * Provider tokens are sealed with the deployment secret (`SecretBox`), bound to the account id.
 */
export interface ExternalAccount {
  id: string;
  instanceId: string;
  userId: string;
  /** The strategy: `oauth_google`, `oauth_custom_acme`. */
  provider: string;
  /** Null only while a connect from the profile waits for the provider's callback. */
  providerUserId: string | null;
  emailAddress: string;
  /** The provider marked the email verified (Google `email_verified`, GitHub `/user/emails`). */
  emailVerified: boolean;
  firstName: string;
  lastName: string;
  username: string | null;
  imageUrl: string;
  approvedScopes: string[];
  /** `unverified` while a connect from the profile waits for the provider; then `verified`. */
  verificationStatus: 'unverified' | 'verified' | 'failed';
  /** Why the last round trip failed (an error code), for `verification.error`. */
  verificationError: string | null;
  tokens: SealedTokens | null;
  createdAt: number;
  updatedAt: number;
}

/** Provider tokens as stored: each sealed (compact JWE), never in the clear. */
export interface SealedTokens {
  accessToken: string;
  refreshToken: string | null;
  idToken: string | null;
  /** When the access token expires (ms), when the provider said. */
  expiresAt: number | null;
}

/** Provider tokens in the clear, only in memory. */
export interface ProviderTokens {
  accessToken: string;
  refreshToken: string | null;
  idToken: string | null;
  expiresAt: number | null;
  scopes: string[];
}

/** Tokens as a provider's token endpoint granted them: the lifetime is relative (the domain's clock dates it). */
export type ProviderGrant = Omit<ProviderTokens, 'expiresAt'> & { expiresInSeconds: number | null };

/** What the provider told about the person, mapped to Gatehouse's fields. */
export interface ProviderProfile {
  providerUserId: string;
  /** Lowercased; null when the provider gave none (or none the person let us read). */
  email: string | null;
  emailVerified: boolean;
  firstName: string | null;
  lastName: string | null;
  username: string | null;
  imageUrl: string | null;
}

/**
 * A provider account met at a callback, not yet attached to a user: kept inside the flow (the
 * sign-in's verification for a transfer, the sign-in's pending link, the sign-up) with its
 * tokens sealed, until the flow attaches it.
 */
export interface ExternalIdentity {
  provider: string;
  profile: ProviderProfile;
  scopes: string[];
  /** The tokens, sealed as one JSON under the flow's id. */
  sealedTokens: string | null;
}
