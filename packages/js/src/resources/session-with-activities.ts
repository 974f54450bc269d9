/**
 * One of the signed-in user's sessions on any device, as `user.getSessions()` lists them
 * (Clerk's `SessionWithActivities`): when and where it was last used, and `revoke()` to sign
 * that device out. It holds no user and mints no token: those belong to the client's own
 * `Session`s.
 */
import type { ClientSessionObject, SessionActivityObject } from '@gatehouse/shared/wire';
import { meQuery, type ResourceCore } from '../core/core.ts';

export type SessionStatus = ClientSessionObject['status'];

/** The device a session was created on (Clerk's `latestActivity`). */
export interface SessionActivity {
  id: string;
  browserName: string | null;
  browserVersion: string | null;
  /** `desktop`, `mobile` or `tablet`; null when the User-Agent does not tell. */
  deviceType: 'desktop' | 'mobile' | 'tablet' | null;
  osName: string | null;
  isMobile: boolean;
  ipAddress: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2 code, e.g. `DE`. */
  country: string | null;
  /** The strategy that created the session, e.g. `password`. */
  signInMethod: string;
}

export const sessionActivity = (a: SessionActivityObject): SessionActivity => ({
  id: a.id,
  browserName: a.browser_name,
  browserVersion: a.browser_version,
  deviceType: a.device_type,
  osName: a.os_name,
  isMobile: a.is_mobile,
  ipAddress: a.ip_address,
  city: a.city,
  country: a.country,
  signInMethod: a.sign_in_method,
});

/** Signs out one of the user's sessions (on this device or another) through `/v1/me/sessions/{id}/revoke`. */
export const revokeUserSession = (core: ResourceCore, id: string): Promise<ClientSessionObject> =>
  core.fetch<ClientSessionObject>({
    method: 'POST',
    path: `/v1/me/sessions/${encodeURIComponent(id)}/revoke`,
    query: meQuery(core.activeSessionId()),
  });

export class SessionWithActivities {
  readonly id: string;
  readonly status: SessionStatus;
  readonly expireAt: Date;
  readonly abandonAt: Date;
  readonly lastActiveAt: Date;
  readonly actor: Record<string, unknown> | null;
  /** The device the session was created on; null for sessions that predate device recording. */
  readonly latestActivity: SessionActivity | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly #core: ResourceCore;

  constructor(core: ResourceCore, data: ClientSessionObject) {
    this.#core = core;
    this.id = data.id;
    this.status = data.status;
    this.expireAt = new Date(data.expire_at);
    this.abandonAt = new Date(data.abandon_at);
    this.lastActiveAt = new Date(data.last_active_at);
    this.actor = data.actor;
    this.latestActivity = data.latest_activity ? sessionActivity(data.latest_activity) : null;
    this.createdAt = new Date(data.created_at);
    this.updatedAt = new Date(data.updated_at);
  }

  /**
   * Signs this session out, wherever it is.
   * @example const other = (await user.getSessions()).find((s) => s.id !== session.id); await other?.revoke();
   */
  async revoke(): Promise<SessionWithActivities> {
    return new SessionWithActivities(this.#core, await revokeUserSession(this.#core, this.id));
  }
}
