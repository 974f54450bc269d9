import { type Static, Type } from 'typebox';
import { Nullable, Timestamp } from './common.ts';
import { UserObject } from './user.ts';

export const SessionStatus = Type.Union([
  Type.Literal('active'),
  Type.Literal('ended'),
  Type.Literal('expired'),
  Type.Literal('removed'),
  Type.Literal('revoked'),
  Type.Literal('abandoned'),
]);

export const PublicUserData = Type.Object(
  {
    first_name: Nullable(Type.String()),
    last_name: Nullable(Type.String()),
    image_url: Type.String(),
    has_image: Type.Boolean(),
    identifier: Type.String(),
    user_id: Type.String(),
    username: Nullable(Type.String()),
  },
  { title: 'PublicUserData' },
);

/** A session as the Frontend API shows it to its own client (with the user). */
export const ClientSessionObject = Type.Object(
  {
    object: Type.Literal('session'),
    id: Type.String(),
    status: SessionStatus,
    expire_at: Timestamp,
    abandon_at: Timestamp,
    last_active_at: Timestamp,
    last_active_organization_id: Nullable(Type.String()),
    actor: Nullable(Type.Record(Type.String(), Type.Unknown())),
    user: Nullable(UserObject),
    public_user_data: Nullable(PublicUserData),
    factor_verification_age: Type.Array(Type.Integer(), {
      description: 'Minutes since the first and second factor were verified; -1 for never.',
    }),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: 'ClientSession' },
);

/** A session as the Backend API shows it. */
export const SessionObject = Type.Object(
  {
    object: Type.Literal('session'),
    id: Type.String(),
    user_id: Type.String(),
    client_id: Type.String(),
    status: SessionStatus,
    actor: Nullable(Type.Record(Type.String(), Type.Unknown())),
    last_active_organization_id: Nullable(Type.String()),
    last_active_at: Timestamp,
    expire_at: Timestamp,
    abandon_at: Timestamp,
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: 'Session' },
);

export const TokenObject = Type.Object(
  {
    object: Type.Literal('token'),
    jwt: Type.String(),
  },
  { title: 'Token' },
);

export type ClientSessionObject = Static<typeof ClientSessionObject>;
export type SessionObject = Static<typeof SessionObject>;
export type TokenObject = Static<typeof TokenObject>;
