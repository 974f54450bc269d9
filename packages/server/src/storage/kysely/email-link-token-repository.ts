import type { Kysely, Selectable } from 'kysely';
import type { EmailLinkLookup, EmailLinkToken, EmailLinkTokenRepository } from '../../domain/store.ts';
import type { Database, EmailLinkTokensTable } from '../schema.ts';
import { consumeLink, findUsableLink } from './single-use-link.ts';

const toLink = (r: Selectable<EmailLinkTokensTable>): EmailLinkToken => ({
  tokenHash: r.token_hash,
  instanceId: r.instance_id,
  signInId: r.sign_in_id,
  clientId: r.client_id,
  redirectUrl: r.redirect_url,
  expiresAt: Number(r.expires_at),
  consumedAt: r.consumed_at === null ? null : Number(r.consumed_at),
  createdAt: Number(r.created_at),
});

export class KyselyEmailLinkTokenRepository implements EmailLinkTokenRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async create(l: EmailLinkToken): Promise<void> {
    await this.#db
      .insertInto('email_link_tokens')
      .values({
        token_hash: l.tokenHash,
        instance_id: l.instanceId,
        sign_in_id: l.signInId,
        client_id: l.clientId,
        redirect_url: l.redirectUrl,
        expires_at: l.expiresAt,
        consumed_at: l.consumedAt,
        created_at: l.createdAt,
      })
      .execute();
  }

  async latestCreatedAt(instanceId: string, signInId: string): Promise<number | null> {
    const row = await this.#db
      .selectFrom('email_link_tokens')
      .select('created_at')
      .where('instance_id', '=', instanceId)
      .where('sign_in_id', '=', signInId)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? Number(row.created_at) : null;
  }

  async findUsable(instanceId: string, tokenHash: string, now: number): Promise<EmailLinkLookup> {
    const r = await findUsableLink(this.#db, 'email_link_tokens', instanceId, tokenHash, now);
    return r.ok ? { ok: true, link: toLink(r.row) } : r;
  }

  async consume(instanceId: string, tokenHash: string, now: number): Promise<EmailLinkLookup> {
    const r = await consumeLink(this.#db, 'email_link_tokens', instanceId, tokenHash, now);
    return r.ok ? { ok: true, link: toLink(r.row) } : r;
  }
}
