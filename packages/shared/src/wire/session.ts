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

/** Something a pending session must do before it becomes active (Clerk's session tasks). */
export const SessionTask = Type.Object(
  { key: Type.Union([Type.Literal('setup-mfa')], { description: '`setup-mfa`: enrol a second factor.' }) },
  { title: 'SessionTask' },
);

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

/**
 * The device a session was created on (Clerk's `latest_activity`): browser, OS and device type
 * from the User-Agent, IP address, and city and country from the IP geolocation database.
 * Location data: IP Geolocation by DB-IP (https://db-ip.com), CC BY 4.0, unless the operator
 * points `GEOIP_DATABASE_PATH` at another database.
 */
export const SessionActivityObject = Type.Object(
  {
    object: Type.Literal('session_activity'),
    id: Type.String(),
    browser_name: Nullable(Type.String()),
    browser_version: Nullable(Type.String()),
    os_name: Nullable(Type.String()),
    device_type: Nullable(
      Type.Union([Type.Literal('desktop'), Type.Literal('mobile'), Type.Literal('tablet')], {
        description: '`desktop`, `mobile` or `tablet`; null when the User-Agent does not tell.',
      }),
    ),
    is_mobile: Type.Boolean(),
    ip_address: Nullable(Type.String()),
    city: Nullable(Type.String()),
    country: Nullable(Type.String({ description: 'ISO 3166-1 alpha-2 code.' })),
    sign_in_method: Type.String({ description: 'The strategy that created the session, e.g. `password`.' }),
  },
  { title: 'SessionActivity' },
);

/** A session as the Frontend API shows it to its own client (with the user). */
export const ClientSessionObject = Type.Object(
  {
    object: Type.Literal('session'),
    id: Type.String(),
    status: Type.Union([SessionStatus, Type.Literal('pending')], {
      description: '`pending`: signed in, with a task to finish first (see `tasks`).',
    }),
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
    latest_activity: Type.Optional(Nullable(SessionActivityObject)),
    tasks: Type.Optional(
      Nullable(
        Type.Array(SessionTask, {
          description: 'Set when the session is `pending`: what the user must do first (it mints no token until then).',
        }),
      ),
    ),
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
    latest_activity: Type.Optional(Nullable(SessionActivityObject)),
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
export type SessionActivityObject = Static<typeof SessionActivityObject>;
