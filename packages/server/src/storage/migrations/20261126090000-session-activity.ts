/**
 * The device each session was created on (Clerk's `latest_activity`): browser, OS, device
 * type, IP address, city and country, and what created the session (`sign_in` or `sign_up`,
 * which keeps the first sign-in after a sign-up from raising a new-device alert).
 * All nullable: sessions created before this migration have no device.
 */
import type { Kysely } from 'kysely';

const COLUMNS = [
  'browser_name',
  'browser_version',
  'os_name',
  'device_type',
  'ip_address',
  'city',
  'country',
  'origin',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  for (const column of COLUMNS) await db.schema.alterTable('sessions').addColumn(column, 'text').execute();
  await db.schema.createIndex('sessions_user_origin').on('sessions').columns(['user_id', 'origin']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sessions_user_origin').execute();
  for (const column of COLUMNS.toReversed()) await db.schema.alterTable('sessions').dropColumn(column).execute();
}
