/**
 * `sessions.mfa_ready`: 1 once the session's user was found to have a second factor the
 * instance allows, so that minting a token where MFA is required does not read the user every
 * time (see `domain/mfa/pending-session.ts`). 0 means "not known": existing sessions are
 * checked once more, on their next token.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sessions')
    .addColumn('mfa_ready', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('mfa_ready').execute();
}
