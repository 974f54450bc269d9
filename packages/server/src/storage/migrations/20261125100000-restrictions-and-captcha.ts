/**
 * Sign-up restrictions and bot protection:
 * - `identifier_restrictions`: an instance's allowlist and blocklist entries (email addresses,
 *   `*@domain` wildcards, phone numbers), one row per (instance, list, identifier);
 * - `captcha_redemptions`: every bot-protection solution already used, until it expires, so a
 *   solution is accepted once (the primary key refuses a second insert atomically).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('identifier_restrictions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull().references('instances.id').onDelete('cascade'))
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('identifier_type', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('identifier_restrictions_instance_list_identifier')
    .on('identifier_restrictions')
    .columns(['instance_id', 'list', 'identifier'])
    .unique()
    .execute();

  await db.schema
    .createTable('captcha_redemptions')
    .addColumn('instance_id', 'text', (c) => c.notNull().references('instances.id').onDelete('cascade'))
    .addColumn('solution_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('captcha_redemptions_pk', ['instance_id', 'solution_hash'])
    .execute();
  await db.schema.createIndex('captcha_redemptions_expires').on('captcha_redemptions').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('captcha_redemptions').execute();
  await db.schema.dropTable('identifier_restrictions').execute();
}
