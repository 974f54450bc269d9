import type { Kysely, Selectable } from 'kysely';
import type { OAuthFlowKind, OAuthState } from '../../domain/external-accounts/oauth-state.ts';
import type { OAuthStateOutcome, OAuthStateRepository } from '../../domain/store.ts';
import type { Database, OAuthStatesTable } from '../schema.ts';
import { consumeLink } from './single-use-link.ts';

const toState = (r: Selectable<OAuthStatesTable>): OAuthState => ({
  stateHash: r.token_hash,
  instanceId: r.instance_id,
  clientId: r.client_id,
  flow: r.flow as OAuthFlowKind,
  flowId: r.flow_id,
  strategy: r.strategy,
  codeVerifier: r.code_verifier,
  nonce: r.nonce,
  redirectUrl: r.redirect_url,
  actionCompleteRedirectUrl: r.action_complete_redirect_url,
  expiresAt: Number(r.expires_at),
  createdAt: Number(r.created_at),
});

export class KyselyOAuthStateRepository implements OAuthStateRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async create(s: OAuthState): Promise<void> {
    await this.#db
      .insertInto('oauth_states')
      .values({
        token_hash: s.stateHash,
        instance_id: s.instanceId,
        client_id: s.clientId,
        flow: s.flow,
        flow_id: s.flowId,
        strategy: s.strategy,
        code_verifier: s.codeVerifier,
        nonce: s.nonce,
        redirect_url: s.redirectUrl,
        action_complete_redirect_url: s.actionCompleteRedirectUrl,
        expires_at: s.expiresAt,
        consumed_at: null,
        created_at: s.createdAt,
      })
      .execute();
  }

  async consume(instanceId: string, stateHash: string, now: number): Promise<OAuthStateOutcome> {
    const outcome = await consumeLink(this.#db, 'oauth_states', instanceId, stateHash, now);
    if (outcome.ok) return { ok: true, state: toState(outcome.row) };
    const row = await this.#db
      .selectFrom('oauth_states')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('token_hash', '=', stateHash)
      .executeTakeFirst();
    return { ok: false, reason: outcome.reason, state: row ? toState(row) : null };
  }
}
