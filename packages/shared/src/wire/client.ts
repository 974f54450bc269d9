import { type Static, type TSchema, Type } from 'typebox';
import { Nullable, Timestamp } from './common.ts';
import { SignInObject, SignUpObject } from './flows.ts';
import { ClientSessionObject, SessionObject } from './session.ts';

/** The client (browser) as the Frontend API shows it: its sessions and flows in progress. */
export const ClientObject = Type.Object(
  {
    object: Type.Literal('client'),
    id: Type.String(),
    sessions: Type.Array(ClientSessionObject),
    sign_in: Nullable(SignInObject),
    sign_up: Nullable(SignUpObject),
    last_active_session_id: Nullable(Type.String()),
    last_authentication_strategy: Nullable(Type.String()),
    cookie_expires_at: Nullable(Timestamp),
    captcha_bypass: Type.Boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: 'Client' },
);

/** The client as the Backend API shows it. */
export const BackendClientObject = Type.Object(
  {
    object: Type.Literal('client'),
    id: Type.String(),
    session_ids: Type.Array(Type.String()),
    sessions: Type.Array(SessionObject),
    sign_in_id: Nullable(Type.String()),
    sign_up_id: Nullable(Type.String()),
    last_active_session_id: Nullable(Type.String()),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: 'BackendClient' },
);

/** Every Frontend API response but a few wraps its resource with the client's new state. */
export const Wrapped = <T extends TSchema>(response: T) => Type.Object({ response, client: Nullable(ClientObject) });

export type ClientObject = Static<typeof ClientObject>;
export type BackendClientObject = Static<typeof BackendClientObject>;
