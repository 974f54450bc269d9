import { type Static, Type } from 'typebox';
import { Nullable, Timestamp, Verification } from './common.ts';

/**
 * A passkey of the signed-in user (Clerk's `passkey`). While it is being added, its
 * verification is `unverified` and carries the WebAuthn creation options in `nonce`.
 */
export const PasskeyObject = Type.Object(
  {
    object: Type.Literal('passkey'),
    id: Type.String(),
    name: Type.String(),
    last_used_at: Nullable(Timestamp),
    verification: Nullable(Verification),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: 'Passkey' },
);

export type PasskeyObject = Static<typeof PasskeyObject>;
