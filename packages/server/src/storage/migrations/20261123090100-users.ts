import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull().references('instances.id').onDelete('cascade'))
    .addColumn('username', 'text')
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('password_digest', 'text')
    .addColumn('primary_email_address_id', 'text')
    .addColumn('public_metadata', 'text', (c) => c.notNull())
    .addColumn('private_metadata', 'text', (c) => c.notNull())
    .addColumn('unsafe_metadata', 'text', (c) => c.notNull())
    .addColumn('banned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lockout_expires_at', 'bigint')
    .addColumn('failed_verification_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_sign_in_at', 'bigint')
    .addColumn('last_active_at', 'bigint')
    .addColumn('password_updated_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_instance_created').on('users').columns(['instance_id', 'created_at']).execute();
  // Usernames are stored lower-cased, so this index makes them unique without regard to case.
  await db.schema
    .createIndex('users_instance_username')
    .on('users')
    .columns(['instance_id', 'username'])
    .unique()
    .where('username', 'is not', null)
    .execute();

  await db.schema
    .createTable('email_addresses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull().references('instances.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('email_address', 'text', (c) => c.notNull())
    .addColumn('verification_status', 'text', (c) => c.notNull())
    .addColumn('verification_strategy', 'text')
    .addColumn('verified_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // One account per address per instance; also the guard that makes two racing sign-ups
  // for the same address end with exactly one user.
  await db.schema
    .createIndex('email_addresses_instance_address')
    .on('email_addresses')
    .columns(['instance_id', 'email_address'])
    .unique()
    .execute();
  await db.schema.createIndex('email_addresses_user').on('email_addresses').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('email_addresses').execute();
  await db.schema.dropTable('users').execute();
}
