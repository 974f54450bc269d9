import type { Kysely } from 'kysely';
import type { ExpiredRecordRepository, ExpiringRecord } from '../../domain/store.ts';
import type { Database } from '../schema.ts';

/** Each expiring table's key column (what the batched delete selects by). */
const KEYS = {
  verification_codes: 'id',
  sign_ins: 'id',
  sign_ups: 'id',
  email_link_tokens: 'token_hash',
  oauth_states: 'token_hash',
  unauthorized_sign_in_links: 'token_hash',
  identifier_lockouts: 'identifier_hash',
} as const satisfies Record<ExpiringRecord, string>;

export class KyselyExpiredRecordRepository implements ExpiredRecordRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async deleteExpired(kind: ExpiringRecord, before: number, limit: number): Promise<number> {
    // A bounded batch per statement keeps each delete short on a busy table (both dialects
    // accept `IN (SELECT ... LIMIT n)`); the index on expires_at finds the batch.
    const db = this.#db as unknown as Kysely<Record<string, { key: string; expires_at: number }>>;
    const key = KEYS[kind] as 'key';
    const r = await db
      .deleteFrom(kind)
      .where(key, 'in', db.selectFrom(kind).select(key).where('expires_at', '<', before).limit(limit))
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
