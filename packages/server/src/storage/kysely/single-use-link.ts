/**
 * Tables of single-use links (sign-in links, "This wasn't me" links) share one mechanism: a
 * row keyed by the token's hash, an expiry, and `consumed_at`, set by the one use. The
 * conditional UPDATE is the decision: of two concurrent uses, exactly one updates the row.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema.ts';

type LinkTable = 'email_link_tokens' | 'unauthorized_sign_in_links' | 'oauth_states';
export type LinkRefusal = 'unknown' | 'used' | 'expired';
export type LinkOutcome<T extends LinkTable> =
  | { ok: true; row: Selectable<Database[T]> }
  | { ok: false; reason: LinkRefusal };

interface LinkColumns {
  instance_id: string;
  token_hash: string;
  expires_at: number;
  consumed_at: number | null;
}
/** Any link table seen through the columns they all have (what the statements below touch). */
type LinkDb = Kysely<{ link: LinkColumns }>;

/** The link's row if it can still be used; else why not. Reads only. */
export async function findUsableLink<T extends LinkTable>(
  db: Kysely<Database>,
  table: T,
  instanceId: string,
  tokenHash: string,
  now: number,
): Promise<LinkOutcome<T>> {
  const row = await (db as unknown as LinkDb)
    .selectFrom(table as unknown as 'link')
    .selectAll()
    .where('instance_id', '=', instanceId)
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.consumed_at !== null) return { ok: false, reason: 'used' };
  if (Number(row.expires_at) <= now) return { ok: false, reason: 'expired' };
  return { ok: true, row: row as unknown as Selectable<Database[T]> };
}

/** Uses the link once: the winner gets its row; a loser, a late or unknown link, the reason. */
export async function consumeLink<T extends LinkTable>(
  db: Kysely<Database>,
  table: T,
  instanceId: string,
  tokenHash: string,
  now: number,
): Promise<LinkOutcome<T>> {
  const won = await (db as unknown as LinkDb)
    .updateTable(table as unknown as 'link')
    .set({ consumed_at: now })
    .where('instance_id', '=', instanceId)
    .where('token_hash', '=', tokenHash)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
  if (won) return { ok: true, row: won as unknown as Selectable<Database[T]> };
  return findUsableLink(db, table, instanceId, tokenHash, now);
}
