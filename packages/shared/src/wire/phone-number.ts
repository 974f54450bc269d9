import { type Static, Type } from 'typebox';
import { Nullable, Timestamp, Verification } from './common.ts';

/**
 * A user's phone number, in Clerk's shape. `phone_number` is E.164 (`+14155550123`).
 * `reserved_for_second_factor`: the number only serves as a second factor (never to sign in);
 * `default_second_factor`: the one second-factor number tried first (at most one per user).
 */
export const PhoneNumberObject = Type.Object(
  {
    id: Type.String(),
    object: Type.Literal('phone_number'),
    phone_number: Type.String({ examples: ['+14155550123'] }),
    reserved: Type.Boolean(),
    reserved_for_second_factor: Type.Boolean(),
    default_second_factor: Type.Boolean(),
    verification: Nullable(Verification),
    linked_to: Type.Array(Type.Object({ type: Type.String(), id: Type.String() })),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: 'PhoneNumber' },
);

/** A text message a development instance kept in its outbox instead of sending (`GET /v1/dev/sms`). */
export const DevSmsObject = Type.Object(
  {
    object: Type.Literal('dev_sms'),
    id: Type.String(),
    to: Type.String(),
    body: Type.String(),
    template: Type.String(),
    created_at: Timestamp,
  },
  { title: 'DevSms' },
);

export type PhoneNumberObject = Static<typeof PhoneNumberObject>;
export type DevSmsObject = Static<typeof DevSmsObject>;
