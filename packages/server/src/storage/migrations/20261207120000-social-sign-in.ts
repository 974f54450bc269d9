/**
 * Social sign-in:
 * - `external_accounts`: provider accounts connected to users, unique per (instance, provider,
 *   provider user id); `provider_user_id` is null only while a connect from the profile waits
 *   for the provider (NULLs never collide in a unique index, on either database). Tokens are
 *   sealed (compact JWE under the deployment secret), never stored in the clear.
 * - `oauth_states`: one row per provider round trip, keyed by the SHA-256 of `state`,
 *   single-use through `consumed_at` as the link tables are.
 * - the sign-in's pending link (a provider account waiting for an email code) and the
 *   sign-up's provider verification, as JSON.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('external_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull().references('instances.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_user_id', 'text')
    .addColumn('email_address', 'text', (c) => c.notNull())
    .addColumn('email_verified', 'integer', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('username', 'text')
    .addColumn('image_url', 'text', (c) => c.notNull())
    .addColumn('approved_scopes', 'text', (c) => c.notNull())
    .addColumn('verification_status', 'text', (c) => c.notNull())
    .addColumn('verification_error', 'text')
    .addColumn('access_token', 'text')
    .addColumn('refresh_token', 'text')
    .addColumn('id_token', 'text')
    .addColumn('token_expires_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('external_accounts_provider_user')
    .on('external_accounts')
    .columns(['instance_id', 'provider', 'provider_user_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('external_accounts_user')
    .on('external_accounts')
    .columns(['instance_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('oauth_states')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull().references('instances.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('flow', 'text', (c) => c.notNull())
    .addColumn('flow_id', 'text', (c) => c.notNull())
    .addColumn('strategy', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('redirect_url', 'text', (c) => c.notNull())
    .addColumn('action_complete_redirect_url', 'text')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('consumed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oauth_states_expires').on('oauth_states').column('expires_at').execute();

  await db.schema.alterTable('sign_ins').addColumn('pending_external_account', 'text').execute();
  await db.schema.alterTable('sign_ups').addColumn('external_account_verification', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sign_ups').dropColumn('external_account_verification').execute();
  await db.schema.alterTable('sign_ins').dropColumn('pending_external_account').execute();
  await db.schema.dropTable('oauth_states').execute();
  await db.schema.dropTable('external_accounts').execute();
}
