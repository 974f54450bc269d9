import { type Kysely, sql } from 'kysely';
import type { FailedAttemptCount, IdentifierLockoutRepository } from '../../domain/store.ts';
import type { Database } from '../schema.ts';

export class KyselyIdentifierLockoutRepository implements IdentifierLockoutRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async find(instanceId: string, identifierHash: string) {
    const r = await this.#db
      .selectFrom('identifier_lockouts')
      .select(['locked', 'lockout_expires_at'])
      .where('identifier_hash', '=', identifierHash)
      .where('instance_id', '=', instanceId)
      .executeTakeFirst();
    if (!r) return null;
    return {
      locked: Number(r.locked) === 1,
      lockoutExpiresAt: r.lockout_expires_at === null ? null : Number(r.lockout_expires_at),
    };
  }

  async countFailedAttemptIfUnlocked(
    instanceId: string,
    identifierHash: string,
    now: number,
    policy: { maxAttempts: number; lockoutExpiresAt: number | null; keepUntil: number },
  ): Promise<FailedAttemptCount | null> {
    // One upsert: the first failure inserts, later ones update the row PostgreSQL re-checks
    // (SQLite has one writer), and the WHERE of DO UPDATE skips a row locked now, so RETURNING
    // gives nothing. As in the users table, `locked = 1` under it is a lock whose time passed.
    const lockedAtFirst = policy.maxAttempts <= 1;
    const count = sql<number>`(case when identifier_lockouts.locked = 1 then 1 else identifier_lockouts.failed_attempts + 1 end)`;
    const reached = sql<boolean>`${count} >= ${policy.maxAttempts}`;
    const lockoutExpiresAt = sql<number | null>`cast(${policy.lockoutExpiresAt} as bigint)`;
    const keepWhenLocked = policy.lockoutExpiresAt === null ? null : policy.keepUntil;
    const r = await this.#db
      .insertInto('identifier_lockouts')
      .values({
        identifier_hash: identifierHash,
        instance_id: instanceId,
        failed_attempts: 1,
        locked: lockedAtFirst ? 1 : 0,
        lockout_expires_at: lockedAtFirst ? policy.lockoutExpiresAt : null,
        expires_at: lockedAtFirst ? keepWhenLocked : policy.keepUntil,
      })
      .onConflict((oc) =>
        oc
          .column('identifier_hash')
          .doUpdateSet({
            failed_attempts: count,
            locked: sql<number>`(case when ${reached} then 1 else 0 end)`,
            lockout_expires_at: sql<number | null>`(case when ${reached} then ${lockoutExpiresAt} else null end)`,
            expires_at: sql<
              number | null
            >`(case when ${reached} then cast(${keepWhenLocked} as bigint) else cast(${policy.keepUntil} as bigint) end)`,
          })
          .where(
            sql<boolean>`identifier_lockouts.locked = 0 or (identifier_lockouts.lockout_expires_at is not null and identifier_lockouts.lockout_expires_at <= ${now})`,
          ),
      )
      .returning(['failed_attempts', 'locked', 'lockout_expires_at'])
      .executeTakeFirst();
    if (!r) return null;
    return {
      attempts: Number(r.failed_attempts),
      locked: Number(r.locked) === 1,
      lockoutExpiresAt: r.lockout_expires_at === null ? null : Number(r.lockout_expires_at),
    };
  }
}
