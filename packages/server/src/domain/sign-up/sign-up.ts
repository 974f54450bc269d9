import type { Metadata } from '../users/user.ts';
import type { Verification } from '../verification/verification.ts';

export type SignUpStatus = 'missing_requirements' | 'complete' | 'abandoned';

export interface SignUp {
  id: string;
  instanceId: string;
  clientId: string;
  status: SignUpStatus;
  emailAddress: string | null;
  username: string | null;
  firstName: string | null;
  lastName: string | null;
  /** argon2id of the chosen password; the password itself is never kept. */
  passwordDigest: string | null;
  unsafeMetadata: Metadata;
  emailVerification: Verification | null;
  /** `oauth_*`: the provider round trip; verified, it holds the provider account the user is created with. */
  externalAccountVerification?: Verification | null;
  createdUserId: string | null;
  createdSessionId: string | null;
  expiresAt: number;
  version: number;
  createdAt: number;
  updatedAt: number;
}

export const SIGN_UP_LIFETIME_MS = 24 * 60 * 60 * 1000;
