/**
 * An authenticator app (TOTP) as `/v1/me/totp` returns it. `secret` and `uri` come only with
 * `user.createTOTP()`; `backupCodes` only with `user.verifyTOTP()`: show them then, they are
 * never sent again.
 */
import type { BackupCodeObject, TotpObject } from '@gatehouse/shared/wire';

export class TOTP {
  readonly id: string;
  readonly secret: string | null;
  /** `otpauth://totp/...`, for a QR code. */
  readonly uri: string | null;
  readonly verified: boolean;
  readonly backupCodes: string[] | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;

  constructor(data: TotpObject) {
    this.id = data.id;
    this.secret = data.secret ?? null;
    this.uri = data.uri ?? null;
    this.verified = data.verified;
    this.backupCodes = data.backup_codes ?? null;
    this.createdAt = new Date(data.created_at);
    this.updatedAt = new Date(data.updated_at);
  }
}

/** Ten new single-use backup codes; the earlier ones stopped working. */
export class BackupCode {
  readonly id: string;
  readonly codes: string[];
  readonly createdAt: Date;

  constructor(data: BackupCodeObject) {
    this.id = data.id;
    this.codes = data.codes;
    this.createdAt = new Date(data.created_at);
  }
}
