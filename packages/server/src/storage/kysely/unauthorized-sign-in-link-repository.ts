import type { Kysely, Selectable } from 'kysely';
import type { LinkConsumption, UnauthorizedSignInLink, UnauthorizedSignInLinkRepository } from '../../domain/store.ts';
import type { Database, UnauthorizedSignInLinksTable } from '../schema.ts';

const toLink = (r: Selectable<UnauthorizedSignInLinksTable>): UnauthorizedSignInLink => ({
  tokenHash: r.token_hash,
  instanceId: r.instance_id,
  userId: r.user_id,
  sessionId: r.session_id,
  expiresAt: r.expires_at,
  consumedAt: r.consumed_at,
  createdAt: r.created_at,
});

export class KyselyUnauthorizedSignInLinkRepository implements UnauthorizedSignInLinkRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async create(l: UnauthorizedSignInLink): Promise<void> {
    await this.#db
      .insertInto('unauthorized_sign_in_links')
      .values({
        token_hash: l.tokenHash,
        instance_id: l.instanceId,
        user_id: l.userId,
        session_id: l.sessionId,
        expires_at: l.expiresAt,
        consumed_at: l.consumedAt,
        created_at: l.createdAt,
      })
      .execute();
  }

  async consume(instanceId: string, tokenHash: string, now: number): Promise<LinkConsumption> {
    // The conditional UPDATE is the decision: of two concurrent uses, one updates the row.
    const won = await this.#db
      .updateTable('unauthorized_sign_in_links')
      .set({ consumed_at: now })
      .where('instance_id', '=', instanceId)
      .where('token_hash', '=', tokenHash)
      .where('consumed_at', 'is', null)
      .where('expires_at', '>', now)
      .returningAll()
      .executeTakeFirst();
    if (won) return { ok: true, link: toLink(won) };
    const row = await this.#db
      .selectFrom('unauthorized_sign_in_links')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return { ok: false, reason: 'unknown' };
    return { ok: false, reason: row.consumed_at !== null ? 'used' : 'expired' };
  }
}
