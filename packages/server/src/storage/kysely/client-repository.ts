import type { Kysely, Selectable } from 'kysely';
import type { Client } from '../../domain/clients/client.ts';
import type { ClientRepository } from '../../domain/store.ts';
import type { ClientsTable, Database } from '../schema.ts';

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
