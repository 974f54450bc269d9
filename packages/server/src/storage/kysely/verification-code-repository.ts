import { type Kysely, type Selectable, sql } from 'kysely';
import type { VerificationCodeRecord, VerificationCodeRepository } from '../../domain/store.ts';
import type { Database, VerificationCodesTable } from '../schema.ts';

const toRecord = (r: Selectable<VerificationCodesTable>): VerificationCodeRecord => ({
  id: r.id,
  instanceId: r.instance_id,
  subjectId: r.subject_id,
  purpose: r.purpose,
  codeHash: r.code_hash,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  expiresAt: r.expires_at,
  consumedAt: r.consumed_at,
  createdAt: r.created_at,
});

export class KyselyVerificationCodeRepository implements VerificationCodeRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async replace(c: VerificationCodeRecord): Promise<void> {
    await this.#db
      .updateTable('verification_codes')
      .set({ consumed_at: c.createdAt })
      .where('instance_id', '=', c.instanceId)
      .where('subject_id', '=', c.subjectId)
      .where('purpose', '=', c.purpose)
      .where('consumed_at', 'is', null)
      .execute();
    await this.#db
      .insertInto('verification_codes')
      .values({
        id: c.id,
        instance_id: c.instanceId,
        subject_id: c.subjectId,
        purpose: c.purpose,
        code_hash: c.codeHash,
        attempts: c.attempts,
        max_attempts: c.maxAttempts,
        expires_at: c.expiresAt,
        consumed_at: c.consumedAt,
        created_at: c.createdAt,
      })
      .execute();
  }

  async findLatestOpen(instanceId: string, subjectId: string, purpose: string): Promise<VerificationCodeRecord | null> {
    const r = await this.#db
      .selectFrom('verification_codes')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('subject_id', '=', subjectId)
      .where('purpose', '=', purpose)
      .where('consumed_at', 'is', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  async countAttemptIf(instanceId: string, id: string, now: number): Promise<number | null> {
    // One statement: the row lock (PostgreSQL) or the single writer (SQLite) makes the check
    // and the increment indivisible, so N concurrent attempts can never exceed max_attempts.
    const r = await this.#db
      .updateTable('verification_codes')
      .set({ attempts: sql`attempts + 1` })
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .where('consumed_at', 'is', null)
      .where('expires_at', '>', now)
      .where(sql<boolean>`attempts < max_attempts`)
      .returning('attempts')
      .executeTakeFirst();
    return r ? r.attempts : null;
  }

  async consumeIfOpen(instanceId: string, id: string, now: number): Promise<boolean> {
    const r = await this.#db
      .updateTable('verification_codes')
      .set({ consumed_at: now })
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .where('consumed_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
