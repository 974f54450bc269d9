/**
 * The level a session is re-verifying at (reverification, `domain/sessions/session-verification.ts`):
 * set by `POST /v1/client/sessions/{id}/verify`, read by its prepare and attempt steps. Null when
 * no verification was started.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('verification_level', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('verification_level').execute();
}
