/** The state of one verification inside a flow (a code sent, a password checked). */
export type VerificationStatus = 'unverified' | 'verified' | 'failed' | 'expired';

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
}
