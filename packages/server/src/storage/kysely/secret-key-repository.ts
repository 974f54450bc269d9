import type { Kysely, Selectable } from 'kysely';
import type { SecretKey } from '../../domain/instances/secret-key.ts';
import type { SecretKeyRepository } from '../../domain/store.ts';
import type { Database, SecretKeysTable } from '../schema.ts';

const toKey = (r: Selectable<SecretKeysTable>): SecretKey => ({
  id: r.id,
  instanceId: r.instance_id,
  name: r.name,
  last4: r.last4,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

export class KyselySecretKeyRepository implements SecretKeyRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async create(k: SecretKey, hash: string): Promise<void> {
    await this.#db
      .insertInto('secret_keys')
      .values({
        id: k.id,
        instance_id: k.instanceId,
        key_hash: hash,
        last4: k.last4,
        name: k.name,
        created_at: k.createdAt,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
  }

  async findActiveByHash(hash: string): Promise<SecretKey | null> {
    const r = await this.#db
      .selectFrom('secret_keys')
      .selectAll()
      .where('key_hash', '=', hash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return r ? toKey(r) : null;
  }

  async list(instanceId: string): Promise<SecretKey[]> {
    const rows = await this.#db
      .selectFrom('secret_keys')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .orderBy('created_at', 'asc')
      .execute();
    return rows.map(toKey);
  }

  async revoke(instanceId: string, id: string, now: number): Promise<boolean> {
    const r = await this.#db
      .updateTable('secret_keys')
      .set({ revoked_at: now })
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async touch(id: string, now: number): Promise<void> {
    await this.#db.updateTable('secret_keys').set({ last_used_at: now }).where('id', '=', id).execute();
  }
}
