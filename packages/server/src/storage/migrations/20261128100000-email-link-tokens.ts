/**
 * Sign-in links (`email_link` first factor): one row per link, keyed by the SHA-256 of its
 * 256-bit token (the token itself is only in the email). The row names the sign-in and the
 * client that asked for it (same-device check) and where to send the browser afterwards.
 * `consumed_at` makes a link single-use: the one UPDATE that sets it wins.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('email_link_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull().references('instances.id').onDelete('cascade'))
    .addColumn('sign_in_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('redirect_url', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('consumed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('email_link_tokens_sign_in').on('email_link_tokens').column('sign_in_id').execute();
  await db.schema.createIndex('email_link_tokens_expires').on('email_link_tokens').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('email_link_tokens').execute();
}
