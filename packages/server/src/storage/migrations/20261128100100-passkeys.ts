/**
 * Passkeys (WebAuthn credentials) of users. A row starts pending (no credential) when the user
 * asks to add one, and gets the credential id, COSE public key (base64url), signature counter
 * and transports once the browser's attestation verifies. A credential id is unique per
 * instance: one authenticator credential never belongs to two rows.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('passkeys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull().references('instances.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('credential_id', 'text')
    .addColumn('public_key', 'text')
    .addColumn('counter', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('transports', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('verified_at', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('passkeys_user').on('passkeys').columns(['instance_id', 'user_id']).execute();
  await db.schema
    .createIndex('passkeys_credential')
    .on('passkeys')
    .columns(['instance_id', 'credential_id'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('passkeys').execute();
}
