/**
 * Storage port of second factors: TOTP and backup codes.
 * The conventions every port follows are in `domain/store.ts`.
 */

/** A user's TOTP authenticator; the secret stays encrypted at rest (see `ports.ts` SecretBox). */
export interface TotpRecord {
  id: string;
  instanceId: string;
  userId: string;
  secretEncrypted: string;
  verified: boolean;
  /** The last time step whose code was accepted (0: none yet). */
  lastUsedStep: number;
  createdAt: number;
  updatedAt: number;
}

/** Second factors: TOTP and backup codes. */
export interface MfaRepository {
  findTotp(instanceId: string, userId: string): Promise<TotpRecord | null>;
  /** Stores a new unverified TOTP, replacing an unverified one; false when a verified one exists. */
  replaceUnverifiedTotp(t: TotpRecord): Promise<boolean>;
  /** Marks the TOTP verified at `step`; false if it was verified already or a later step was used. */
  verifyTotpIfUnverified(instanceId: string, userId: string, step: number, now: number): Promise<boolean>;
  /**
   * Raises `last_used_step` to `step` in one conditional write; false when `step` is not above
   * it (the code was used already, by this request or a concurrent one).
   */
  useTotpStepIfNewer(instanceId: string, userId: string, step: number, now: number): Promise<boolean>;
  deleteTotp(instanceId: string, userId: string): Promise<boolean>;
  /** Voids every backup code of the user, then stores the new ones. */
  replaceBackupCodes(
    instanceId: string,
    userId: string,
    codes: { id: string; codeHash: string }[],
    now: number,
  ): Promise<void>;
  listOpenBackupCodes(instanceId: string, userId: string): Promise<{ id: string; codeHash: string }[]>;
  /** Marks a backup code used; false if another request used it first. */
  consumeBackupCodeIfOpen(instanceId: string, id: string, now: number): Promise<boolean>;
  deleteBackupCodes(instanceId: string, userId: string): Promise<number>;
  /** Which of the users have a verified TOTP and open backup codes (read with the user). */
  flagsFor(userIds: string[]): Promise<Map<string, { totpEnabled: boolean; backupCodeEnabled: boolean }>>;
}
