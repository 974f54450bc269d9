import { type Static, Type } from 'typebox';
import { Nullable, Verification } from './common.ts';
import { SignInFactor } from './flows.ts';
import { ClientSessionObject } from './session.ts';

export const SessionVerificationLevel = Type.Union(
  [Type.Literal('first_factor'), Type.Literal('second_factor'), Type.Literal('multi_factor')],
  { description: 'Which factors must be verified again (see docs/reverification.md).' },
);

/** A session re-verifying itself before a sensitive action (Clerk's `session_verification`). */
export const SessionVerificationObject = Type.Object(
  {
    object: Type.Literal('session_verification'),
    status: Type.Union([
      Type.Literal('needs_first_factor'),
      Type.Literal('needs_second_factor'),
      Type.Literal('complete'),
    ]),
    level: SessionVerificationLevel,
    session: ClientSessionObject,
    supported_first_factors: Type.Array(SignInFactor),
    supported_second_factors: Type.Array(SignInFactor),
    first_factor_verification: Nullable(Verification),
    second_factor_verification: Nullable(Verification),
  },
  { title: 'SessionVerification' },
);

export type SessionVerificationLevel = Static<typeof SessionVerificationLevel>;
export type SessionVerificationObject = Static<typeof SessionVerificationObject>;
