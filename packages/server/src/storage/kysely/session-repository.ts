import type { ReverificationLevel as SessionVerificationLevel } from '@gatehouse/shared';
import type { Kysely, Selectable } from 'kysely';
import type { Session, SessionActivity, SessionStatus } from '../../domain/sessions/session.ts';

import type { SessionListQuery, SessionRepository } from '../../domain/store.ts';
import type {
  Database,
  SessionActivityColumns,
  SessionMfaColumns,
  SessionsTable,
  SessionVerificationColumns,
} from '../schema.ts';

/** A session row; the device columns may be left out of the select (then `activity` is undefined). */
type SessionRow = Omit<
  Selectable<SessionsTable>,
  keyof SessionActivityColumns | keyof SessionVerificationColumns | keyof SessionMfaColumns
> &
  Partial<SessionActivityColumns> &
  Partial<SessionVerificationColumns> &
  Partial<SessionMfaColumns>;

const toActivity = (r: SessionRow): SessionActivity | null | undefined => {
  if (r.ip_address === undefined) return undefined;
  if (r.ip_address === null) return null;
  return {
    browserName: r.browser_name ?? null,
    browserVersion: r.browser_version ?? null,
    osName: r.os_name ?? null,
    deviceType: r.device_type ?? null,
    ipAddress: r.ip_address,
    city: r.city ?? null,
    country: r.country ?? null,
  };
};

export const toSession = (r: SessionRow): Session => ({
  id: r.id,
  instanceId: r.instance_id,
  clientId: r.client_id,
  userId: r.user_id,
  status: r.status,
  lastActiveAt: r.last_active_at,
  expireAt: r.expire_at,
  firstFactorVerifiedAt: r.first_factor_verified_at,
  secondFactorVerifiedAt: r.second_factor_verified_at,
  signInMethod: r.sign_in_method,
  ...(r.ip_address !== undefined && { activity: toActivity(r) }),
  ...(r.origin !== undefined && { origin: r.origin }),
  ...(r.mfa_ready !== undefined && { mfaReady: Number(r.mfa_ready) === 1 }),
  endedAt: r.ended_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class KyselySessionRepository implements SessionRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async create(s: Session): Promise<void> {
    await this.#db
      .insertInto('sessions')
      .values({
        id: s.id,
        instance_id: s.instanceId,
        client_id: s.clientId,
        user_id: s.userId,
        status: s.status,
        last_active_at: s.lastActiveAt,
        expire_at: s.expireAt,
        first_factor_verified_at: s.firstFactorVerifiedAt,
        second_factor_verified_at: s.secondFactorVerifiedAt,
        sign_in_method: s.signInMethod,
        browser_name: s.activity?.browserName ?? null,
        browser_version: s.activity?.browserVersion ?? null,
        os_name: s.activity?.osName ?? null,
        device_type: s.activity?.deviceType ?? null,
        ip_address: s.activity?.ipAddress ?? null,
        city: s.activity?.city ?? null,
        country: s.activity?.country ?? null,
        origin: s.origin ?? null,
        mfa_ready: s.mfaReady ? 1 : 0,
        ended_at: s.endedAt,
        created_at: s.createdAt,
        updated_at: s.updatedAt,
      })
      .execute();
  }

  async findById(instanceId: string, id: string): Promise<Session | null> {
    const r = await this.#db
      .selectFrom('sessions')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? toSession(r) : null;
  }

  async listByClient(instanceId: string, clientId: string, statuses: SessionStatus[]): Promise<Session[]> {
    const rows = await this.#db
      .selectFrom('sessions')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('client_id', '=', clientId)
      .where('status', 'in', statuses)
      .orderBy('created_at', 'asc')
      .execute();
    return rows.map(toSession);
  }

  async list(instanceId: string, q: SessionListQuery): Promise<Session[]> {
    let query = this.#db.selectFrom('sessions').selectAll().where('instance_id', '=', instanceId);
    if (q.userId) query = query.where('user_id', '=', q.userId);
    if (q.clientId) query = query.where('client_id', '=', q.clientId);
    if (q.status) query = query.where('status', '=', q.status);
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute();
    return rows.map(toSession);
  }

  async endIfActive(
    instanceId: string,
    id: string,
    status: Exclude<SessionStatus, 'active'>,
    now: number,
  ): Promise<boolean> {
    const r = await this.#db
      .updateTable('sessions')
      .set({ status, ended_at: now, updated_at: now })
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async endAllForUser(
    instanceId: string,
    userId: string,
    status: Exclude<SessionStatus, 'active'>,
    now: number,
    exceptId?: string,
  ): Promise<string[]> {
    let q = this.#db
      .updateTable('sessions')
      .set({ status, ended_at: now, updated_at: now })
      .where('instance_id', '=', instanceId)
      .where('user_id', '=', userId)
      .where('status', '=', 'active');
    if (exceptId) q = q.where('id', '!=', exceptId);
    const rows = await q.returning('id').execute();
    return rows.map((r) => r.id);
  }

  async touch(instanceId: string, id: string, now: number): Promise<void> {
    await this.#db
      .updateTable('sessions')
      .set({ last_active_at: now, updated_at: now })
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .execute();
  }

  async startVerification(instanceId: string, id: string, level: SessionVerificationLevel, now: number): Promise<void> {
    await this.#db
      .updateTable('sessions')
      .set({ verification_level: level, updated_at: now })
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .execute();
  }

  async findVerificationLevel(instanceId: string, id: string): Promise<SessionVerificationLevel | null> {
    const r = await this.#db
      .selectFrom('sessions')
      .select('verification_level')
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r?.verification_level ?? null;
  }

  async markFactorVerified(instanceId: string, id: string, factor: 'first' | 'second', now: number): Promise<void> {
    await this.#db
      .updateTable('sessions')
      .set(
        factor === 'first'
          ? { first_factor_verified_at: now, updated_at: now }
          : { second_factor_verified_at: now, updated_at: now },
      )
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .where('status', '=', 'active')
      .execute();
  }

  // Neither touches updated_at: the flag is a cache of the user's state, not a change to the session.
  async markMfaReady(instanceId: string, id: string): Promise<void> {
    await this.#db
      .updateTable('sessions')
      .set({ mfa_ready: 1 })
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .execute();
  }

  async forgetMfaReady(instanceId: string, userId: string): Promise<void> {
    await this.#db
      .updateTable('sessions')
      .set({ mfa_ready: 0 })
      .where('instance_id', '=', instanceId)
      .where('user_id', '=', userId)
      .where('mfa_ready', '=', 1)
      .execute();
  }

  async existsForClientAndUser(instanceId: string, clientId: string, userId: string): Promise<boolean> {
    const r = await this.#db
      .selectFrom('sessions')
      .select('id')
      .where('instance_id', '=', instanceId)
      .where('client_id', '=', clientId)
      .where('user_id', '=', userId)
      .limit(1)
      .executeTakeFirst();
    return r !== undefined;
  }

  async hasSignedInBefore(instanceId: string, userId: string): Promise<boolean> {
    const r = await this.#db
      .selectFrom('sessions')
      .select('id')
      .where('instance_id', '=', instanceId)
      .where('user_id', '=', userId)
      .where('origin', '=', 'sign_in')
      .limit(1)
      .executeTakeFirst();
    return r !== undefined;
  }
}
