/**
 * A session: one signed-in device. `getToken()` gives the session token (JWT) to send to your
 * own backend, cached and refreshed before it expires; `end()` signs it out; `touch()` makes it
 * the client's active one; `revoke()` signs out one of the user's other devices.
 */
import type { ClientSessionObject } from '@gatehouse/shared/wire';
import { type GetTokenOptions, meQuery, type ResourceCore } from '../core/core.ts';
import { User } from './user.ts';

export type SessionStatus = ClientSessionObject['status'];

export interface PublicUserData {
  firstName: string | null;
  lastName: string | null;
  imageUrl: string;
  hasImage: boolean;
  identifier: string;
  userId: string;
  username: string | null;
}

export class Session {
  readonly id: string;
  readonly status: SessionStatus;
  readonly expireAt: Date;
  readonly abandonAt: Date;
  readonly lastActiveAt: Date;
  readonly lastActiveOrganizationId: string | null;
  readonly actor: Record<string, unknown> | null;
  readonly user: User | null;
  readonly publicUserData: PublicUserData | null;
  /** Minutes since the first and second factor were verified; -1 for never. */
  readonly factorVerificationAge: number[];
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
    this.lastActiveOrganizationId = data.last_active_organization_id;
    this.actor = data.actor;
    this.user = data.user ? new User(core, data.user, data.id) : null;
    const p = data.public_user_data;
    this.publicUserData = p
      ? {
          firstName: p.first_name,
          lastName: p.last_name,
          imageUrl: p.image_url,
          hasImage: p.has_image,
          identifier: p.identifier,
          userId: p.user_id,
          username: p.username,
        }
      : null;
    this.factorVerificationAge = data.factor_verification_age;
    this.createdAt = new Date(data.created_at);
    this.updatedAt = new Date(data.updated_at);
  }

  #path(suffix: string) {
    return `/v1/client/sessions/${encodeURIComponent(this.id)}${suffix}`;
  }

  #post = async (suffix: string, idempotent = false) =>
    new Session(
      this.#core,
      await this.#core.fetch<ClientSessionObject>({ method: 'POST', path: this.#path(suffix), idempotent }),
    );

  /**
   * The session token: the cached one while it has more than 10 s left, else a new one.
   * Null when the session is over.
   * @example fetch('/api', { headers: { authorization: `Bearer ${await session.getToken()}` } })
   */
  getToken(opts?: GetTokenOptions): Promise<string | null> {
    return this.#core.getToken(this.id, opts);
  }

  /** Signs this session out. */
  end(): Promise<Session> {
    return this.#post('/end');
  }

  /** Removes this session from the client. */
  remove(): Promise<Session> {
    return this.#post('/remove');
  }

  /** Marks the session active now and makes it the client's active session. */
  touch(): Promise<Session> {
    return this.#post('/touch', true);
  }

  /** Signs out one of the user's sessions on another device (from `user.getSessions()`). */
  async revoke(): Promise<Session> {
    const data = await this.#core.fetch<ClientSessionObject>({
      method: 'POST',
      path: `/v1/me/sessions/${encodeURIComponent(this.id)}/revoke`,
      query: meQuery(this.#core.activeSessionId()),
    });
    return new Session(this.#core, data);
  }
}
