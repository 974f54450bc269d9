/**
 * Client Trust asks "did this user ever have a session on this client?" on every password
 * sign-in. Sessions are kept (ended, not deleted) for as long as their client lives, so that
 * history is the trust record; this index answers the question without a scan.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('sessions_client_user').on('sessions').columns(['client_id', 'user_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sessions_client_user').execute();
}
