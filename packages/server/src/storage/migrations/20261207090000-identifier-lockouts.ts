/**
 * `identifier_lockouts`: in `strict` enumeration mode, the failed-attempt count and lock of an
 * identifier that names no account, so it locks exactly as an account would (see
 * `domain/users/unknown-identifier-lockout.ts`). The identifier is kept only as an HMAC.
 * `expires_at` is when the row stops mattering (null: a permanent lock); housekeeping deletes
 * rows a week after it.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('identifier_lockouts')
    .addColumn('identifier_hash', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull().references('instances.id').onDelete('cascade'))
    .addColumn('failed_attempts', 'integer', (c) => c.notNull())
    .addColumn('locked', 'integer', (c) => c.notNull())
    .addColumn('lockout_expires_at', 'bigint')
    .addColumn('expires_at', 'bigint')
    .execute();
  await db.schema.createIndex('identifier_lockouts_expires').on('identifier_lockouts').column('expires_at').execute();
  await db.schema.createIndex('identifier_lockouts_instance').on('identifier_lockouts').column('instance_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('identifier_lockouts').execute();
}
