import type { CompiledQuery, Kysely, Selectable } from 'kysely';
import type { Client } from '../../domain/clients/client.ts';
import type { Session } from '../../domain/sessions/session.ts';
import type { ClientRepository } from '../../domain/store.ts';
import type { ClientsTable, Database, SessionsTable } from '../schema.ts';
import { toSession } from './session-repository.ts';

const toClient = (r: Selectable<ClientsTable>): Client => ({
  id: r.id,
  instanceId: r.instance_id,
  tokenHash: r.token_hash,
  lastActiveSessionId: r.last_active_session_id,
  signInId: r.sign_in_id,
  signUpId: r.sign_up_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Stand-ins for the parameters of a query compiled ahead of time; never valid ids. */
const PLACEHOLDER = { instanceId: '\u0000instance_id', clientId: '\u0000client_id', sessionId: '\u0000session_id' };

type WithSessionRow = Selectable<ClientsTable> & {
  [K in keyof Selectable<SessionsTable> as `s_${K}`]: Selectable<SessionsTable>[K] | null;
};

export class KyselyClientRepository implements ClientRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async create(c: Client): Promise<void> {
    await this.#db
      .insertInto('clients')
      .values({
        id: c.id,
        instance_id: c.instanceId,
        token_hash: c.tokenHash,
        last_active_session_id: c.lastActiveSessionId,
        sign_in_id: c.signInId,
        sign_up_id: c.signUpId,
        created_at: c.createdAt,
        updated_at: c.updatedAt,
      })
      .execute();
  }

  async findById(instanceId: string, id: string): Promise<Client | null> {
    const r = await this.#db
      .selectFrom('clients')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? toClient(r) : null;
  }

  /**
   * Compiled once per repository: building and compiling this 19-column join costs the event
   * loop more than running it. The placeholders stand for the parameters in `findWithSession`.
   */
  #withSessionQuery?: CompiledQuery<WithSessionRow>;

  #compileWithSessionQuery(): CompiledQuery<WithSessionRow> {
    return this.#db
      .selectFrom('clients as c')
      .leftJoin('sessions as s', (join) =>
        join
          .onRef('s.instance_id', '=', 'c.instance_id')
          .onRef('s.client_id', '=', 'c.id')
          .on('s.id', '=', PLACEHOLDER.sessionId),
      )
      .select([
        'c.id',
        'c.instance_id',
        'c.token_hash',
        'c.last_active_session_id',
        'c.sign_in_id',
        'c.sign_up_id',
        'c.created_at',
        'c.updated_at',
        's.id as s_id',
        's.user_id as s_user_id',
        's.status as s_status',
        's.last_active_at as s_last_active_at',
        's.expire_at as s_expire_at',
        's.first_factor_verified_at as s_first_factor_verified_at',
        's.second_factor_verified_at as s_second_factor_verified_at',
        's.sign_in_method as s_sign_in_method',
        's.mfa_ready as s_mfa_ready',
        's.ended_at as s_ended_at',
        's.created_at as s_created_at',
        's.updated_at as s_updated_at',
      ])
      .where('c.instance_id', '=', PLACEHOLDER.instanceId)
      .where('c.id', '=', PLACEHOLDER.clientId)
      .compile();
  }

  async findWithSession(
    instanceId: string,
    id: string,
    sessionId: string,
  ): Promise<{ client: Client; session: Session | null } | null> {
    // Both lookups are by primary key; the session joins only if it is this client's.
    if (!this.#withSessionQuery) this.#withSessionQuery = this.#compileWithSessionQuery();
    const query = this.#withSessionQuery;
    const values: Record<string, string> = {
      [PLACEHOLDER.instanceId]: instanceId,
      [PLACEHOLDER.clientId]: id,
      [PLACEHOLDER.sessionId]: sessionId,
    };
    const { rows } = await this.#db.executeQuery<WithSessionRow>({
      ...query,
      parameters: query.parameters.map((p) => {
        const v = values[p as string];
        if (v === undefined) throw new Error(`findWithSession: unexpected parameter ${String(p)}`);
        return v;
      }),
    });
    const r = rows[0];
    if (!r) return null;
    const session =
      r.s_id === null
        ? null
        : toSession({
            id: r.s_id,
            instance_id: r.instance_id,
            client_id: r.id,
            user_id: r.s_user_id!,
            status: r.s_status!,
            last_active_at: r.s_last_active_at!,
            expire_at: r.s_expire_at!,
            first_factor_verified_at: r.s_first_factor_verified_at!,
            second_factor_verified_at: r.s_second_factor_verified_at,
            sign_in_method: r.s_sign_in_method!,
            mfa_ready: r.s_mfa_ready!,
            ended_at: r.s_ended_at,
            created_at: r.s_created_at!,
            updated_at: r.s_updated_at!,
          });
    return { client: toClient(r), session };
  }

  async update(
    instanceId: string,
    id: string,
    p: Partial<Pick<Client, 'tokenHash' | 'lastActiveSessionId' | 'signInId' | 'signUpId'>>,
    now: number,
  ): Promise<void> {
    await this.#db
      .updateTable('clients')
      .set({
        updated_at: now,
        ...(p.tokenHash !== undefined && { token_hash: p.tokenHash }),
        ...(p.lastActiveSessionId !== undefined && { last_active_session_id: p.lastActiveSessionId }),
        ...(p.signInId !== undefined && { sign_in_id: p.signInId }),
        ...(p.signUpId !== undefined && { sign_up_id: p.signUpId }),
      })
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .execute();
  }
}
