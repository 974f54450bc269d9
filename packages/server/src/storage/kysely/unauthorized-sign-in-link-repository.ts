import type { Kysely, Selectable } from 'kysely';
import type { LinkConsumption, UnauthorizedSignInLink, UnauthorizedSignInLinkRepository } from '../../domain/store.ts';
import type { Database, UnauthorizedSignInLinksTable } from '../schema.ts';
import { consumeLink } from './single-use-link.ts';

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
    const r = await consumeLink(this.#db, 'unauthorized_sign_in_links', instanceId, tokenHash, now);
    return r.ok ? { ok: true, link: toLink(r.row) } : r;
  }
}
