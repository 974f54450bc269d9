/**
 * Storage port of one-time codes (stored as HMACs).
 * The conventions every port follows are in `domain/store.ts`.
 */

export interface VerificationCodeRecord {
  id: string;
  instanceId: string;
  subjectId: string;
  purpose: string;
  codeHash: string;
  attempts: number;
  maxAttempts: number;
  expiresAt: number;
  consumedAt: number | null;
  createdAt: number;
}

export interface VerificationCodeRepository {
  /** Voids every open code of the subject and purpose, then stores the new one. */
  replace(c: VerificationCodeRecord): Promise<void>;
  findLatestOpen(instanceId: string, subjectId: string, purpose: string): Promise<VerificationCodeRecord | null>;
  /** Counts one attempt if the code is open, unexpired and under its limit; the new count, or null. */
  countAttemptIf(instanceId: string, id: string, now: number): Promise<number | null>;
  /** Marks the code used; false if another request used it first. */
  consumeIfOpen(instanceId: string, id: string, now: number): Promise<boolean>;
}
