/**
 * Users may add email addresses to their profile before proving them. An unproven address
 * must not reserve the address for anyone (adding someone else's address would block their
 * sign-up and reveal that they have an account), so only *claimed* addresses are unique per
 * instance, and only they are found by sign-in:
 * - an address is claimed once it is verified;
 * - the address an account was created with is claimed even unverified, because on an
 *   instance that does not verify at sign-up it is the account's only identifier.
 * Every address before this migration was unique, so every one is claimed.
 * One user never holds the same address twice.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('email_addresses')
    .addColumn('claimed', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.dropIndex('email_addresses_instance_address').execute();
  // Also the guard that makes two racing sign-ups, or two users racing to verify one
  // address, end with the address on one account.
  await db.schema
    .createIndex('email_addresses_instance_claimed_address')
    .on('email_addresses')
    .columns(['instance_id', 'email_address'])
    .unique()
    .where(sql.ref('claimed'), '=', 1)
    .execute();
  // Replaces the index on user_id alone, which this one's prefix covers.
  await db.schema.dropIndex('email_addresses_user').execute();
  await db.schema
    .createIndex('email_addresses_user_address')
    .on('email_addresses')
    .columns(['user_id', 'email_address'])
    .unique()
    .execute();
}

/** Fails if two accounts hold the same address by then (only claimed ones are unique here). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('email_addresses_user_address').execute();
  await db.schema.createIndex('email_addresses_user').on('email_addresses').column('user_id').execute();
  await db.schema.dropIndex('email_addresses_instance_claimed_address').execute();
  await db.schema
    .createIndex('email_addresses_instance_address')
    .on('email_addresses')
    .columns(['instance_id', 'email_address'])
    .unique()
    .execute();
  await db.schema.alterTable('email_addresses').dropColumn('claimed').execute();
}
