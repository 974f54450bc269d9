import { type Static, Type } from 'typebox';
import { Nullable, Timestamp } from './common.ts';

/**
 * A TOTP authenticator (Clerk's `totp`). `secret` and `uri` appear only in the response that
 * created it; `backup_codes` only in the one that verified it.
 */
export const TotpObject = Type.Object(
  {
    object: Type.Literal('totp'),
    id: Type.String(),
    secret: Type.Optional(Type.String({ description: 'Base32; only when just created.' })),
    uri: Type.Optional(Type.String({ description: '`otpauth://totp/...`; only when just created.' })),
    verified: Type.Boolean(),
    backup_codes: Type.Optional(
      Nullable(Type.Array(Type.String(), { description: 'Ten single-use codes; only when just verified.' })),
    ),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: 'TOTP' },
);

/** A new set of backup codes (Clerk's `backup_code`): shown once, earlier ones are void. */
export const BackupCodeObject = Type.Object(
  {
    object: Type.Literal('backup_code'),
    id: Type.String(),
    codes: Type.Array(Type.String()),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: 'BackupCode' },
);

/** Backend API `DELETE /v1/users/{user_id}/mfa`. */
export const DisableMfaResponse = Type.Object({ user_id: Type.String() }, { title: 'DisableMFA' });

/** Backend API `POST /v1/users/{user_id}/verify_totp`: which kind of code matched (a wrong one is a 422). */
export const VerifyTotpResponse = Type.Object(
  { verified: Type.Boolean(), code_type: Type.Union([Type.Literal('totp'), Type.Literal('backup_code')]) },
  { title: 'VerifyTOTP' },
);

/** Backend API `POST /v1/users/{user_id}/verify_password` (a wrong password is a 422). */
export const VerifyPasswordResponse = Type.Object({ verified: Type.Boolean() }, { title: 'VerifyPassword' });

export type TotpObject = Static<typeof TotpObject>;
export type BackupCodeObject = Static<typeof BackupCodeObject>;
export type DisableMfaResponse = Static<typeof DisableMfaResponse>;
export type VerifyTotpResponse = Static<typeof VerifyTotpResponse>;
export type VerifyPasswordResponse = Static<typeof VerifyPasswordResponse>;
