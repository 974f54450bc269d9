/**
 * Indexes for the housekeeping sweep (services/housekeeping.ts), which deletes rows some time
 * after they expired: without them each sweep would scan the whole table.
 */
import type { Kysely } from 'kysely';

const INDEXES = [
  ['verification_codes_expires', 'verification_codes'],
  ['sign_ins_expires', 'sign_ins'],
  ['sign_ups_expires', 'sign_ups'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, table] of INDEXES) await db.schema.createIndex(name).on(table).column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
}
