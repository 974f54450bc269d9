import type { ErrorCode } from '@gatehouse/shared';
import type { ExternalIdentity } from '../external-accounts/external-account.ts';

/** The state of one verification inside a flow (a code sent, a password checked). */
export type VerificationStatus = 'unverified' | 'verified' | 'failed' | 'expired' | 'transferable';

export interface Verification {
  strategy: string;
  status: VerificationStatus;
  /** Wrong tries so far, for code strategies. */
  attempts: number | null;
  expireAt: number | null;
  verifiedAt: number | null;
  /**
   * A verified password found breached, on an instance that enforces breach checks at sign-in:
   * the sign-in then needs a new password. Internal, never serialized.
   */
  passwordCompromised?: boolean;
  /** `passkey`: the WebAuthn request options (JSON) the browser needs; public, shown until verified. */
  nonce?: string;
  /**
   * `passkey` without an identifier (discoverable credential): the account the passkey belongs
   * to, which the sign-in takes on once verified. Internal, never serialized.
   */
  identifiedUserId?: string;
  /** `oauth_*`: the provider's authorization page, until the provider calls back. Public. */
  externalVerificationRedirectUrl?: string | null;
  /** `oauth_*`: why the round trip failed (an error code of the registry). Public. */
  errorCode?: ErrorCode | null;
  /**
   * `oauth_*`: the provider account the callback brought, kept for a transfer (sign-in to
   * sign-up or back) or until the sign-up creates the user. Internal, never serialized.
   */
  externalIdentity?: ExternalIdentity;
}
