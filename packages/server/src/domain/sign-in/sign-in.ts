import type { ExternalIdentity } from '../external-accounts/external-account.ts';
import type { Verification } from '../verification/verification.ts';

export type SignInStatus =
  | 'needs_identifier'
  | 'needs_first_factor'
  | 'needs_second_factor'
  | 'needs_client_trust'
  | 'needs_new_password'
  | 'complete'
  | 'abandoned';

export interface SignIn {
  id: string;
  instanceId: string;
  clientId: string;
  status: SignInStatus;
  identifier: string | null;
  /**
   * The account the identifier names. Null while no identifier was given, and also when the
   * identifier names no account in strict enumeration mode: the flow then goes on as if it did,
   * and fails at the factor with the same error as a wrong password.
   */
  userId: string | null;
  firstFactorVerification: Verification | null;
  secondFactorVerification: Verification | null;
  createdSessionId: string | null;
  /**
   * A provider account that may link to this user once they prove the email with a code (the
   * provider, or the user's own address, did not verify it). Only `email_code` is offered
   * meanwhile. Internal, never serialized.
   */
  pendingExternalAccount?: ExternalIdentity | null;
  expiresAt: number;
  /** Optimistic-concurrency counter: a save succeeds only from the version it read. */
  version: number;
  createdAt: number;
  updatedAt: number;
}

/** A sign-in lives this long; then it is abandoned and must start again. */
export const SIGN_IN_LIFETIME_MS = 2 * 60 * 60 * 1000;
