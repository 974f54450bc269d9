/**
 * Users' phone numbers, in E.164, on the rules of email addresses (see the
 * claimed-email-addresses migration): only *claimed* (verified) numbers are unique per
 * instance, so adding someone else's number reserves nothing; one user never holds the
 * same number twice. The unique index on claimed numbers is also what decides two users
 * racing to verify one number. `users.primary_phone_number_id` names a verified number.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('phone_numbers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull().references('instances.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('phone_number', 'text', (c) => c.notNull())
    .addColumn('verification_status', 'text', (c) => c.notNull())
    .addColumn('verification_strategy', 'text')
    .addColumn('verified_at', 'bigint')
    .addColumn('claimed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reserved_for_second_factor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('default_second_factor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('phone_numbers_instance_claimed_number')
    .on('phone_numbers')
    .columns(['instance_id', 'phone_number'])
    .unique()
    .where(sql.ref('claimed'), '=', 1)
    .execute();
  await db.schema
    .createIndex('phone_numbers_user_number')
    .on('phone_numbers')
    .columns(['user_id', 'phone_number'])
    .unique()
    .execute();
  await db.schema.alterTable('users').addColumn('primary_phone_number_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('primary_phone_number_id').execute();
  await db.schema.dropTable('phone_numbers').execute();
}
