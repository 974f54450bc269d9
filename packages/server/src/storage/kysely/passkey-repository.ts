import type { Kysely, Selectable } from 'kysely';
import type { PasskeyRepository, StoredPasskey } from '../../domain/store.ts';
import type { Database, PasskeysTable } from '../schema.ts';

const parseTransports = (raw: string): string[] => {
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
};

const toPasskey = (r: Selectable<PasskeysTable>): StoredPasskey => ({
  id: r.id,
  instanceId: r.instance_id,
  userId: r.user_id,
  name: r.name,
  credentialId: r.credential_id,
  publicKey: r.public_key,
  counter: Number(r.counter),
  transports: parseTransports(r.transports),
  verifiedAt: r.verified_at === null ? null : Number(r.verified_at),
  lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

export class KyselyPasskeyRepository implements PasskeyRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async create(p: StoredPasskey): Promise<void> {
    await this.#db
      .insertInto('passkeys')
      .values({
        id: p.id,
        instance_id: p.instanceId,
        user_id: p.userId,
        name: p.name,
        credential_id: p.credentialId,
        public_key: p.publicKey,
        counter: p.counter,
        transports: JSON.stringify(p.transports),
        verified_at: p.verifiedAt,
        last_used_at: p.lastUsedAt,
        created_at: p.createdAt,
        updated_at: p.updatedAt,
      })
      .execute();
  }

  async findById(instanceId: string, id: string): Promise<StoredPasskey | null> {
    const r = await this.#db
      .selectFrom('passkeys')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? toPasskey(r) : null;
  }

  async findByCredentialId(instanceId: string, credentialId: string): Promise<StoredPasskey | null> {
    const r = await this.#db
      .selectFrom('passkeys')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('credential_id', '=', credentialId)
      .executeTakeFirst();
    return r ? toPasskey(r) : null;
  }

  async listByUser(instanceId: string, userId: string): Promise<StoredPasskey[]> {
    const rows = await this.#db
      .selectFrom('passkeys')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toPasskey);
  }

  async markVerified(
    instanceId: string,
    id: string,
    c: { credentialId: string; publicKey: string; counter: number; transports: string[] },
    now: number,
  ): Promise<boolean> {
    if (await this.findByCredentialId(instanceId, c.credentialId)) return false;
    try {
      const r = await this.#db
        .updateTable('passkeys')
        .set({
          credential_id: c.credentialId,
          public_key: c.publicKey,
          counter: c.counter,
          transports: JSON.stringify(c.transports),
          verified_at: now,
          updated_at: now,
        })
        .where('instance_id', '=', instanceId)
        .where('id', '=', id)
        .where('credential_id', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    } catch {
      // The unique (instance, credential) index refused a concurrent registration of the same credential.
      return false;
    }
  }

  async recordUse(instanceId: string, id: string, counter: number, now: number): Promise<void> {
    await this.#db
      .updateTable('passkeys')
      .set({ counter, last_used_at: now, updated_at: now })
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .execute();
  }

  async rename(instanceId: string, id: string, name: string, now: number): Promise<void> {
    await this.#db
      .updateTable('passkeys')
      .set({ name, updated_at: now })
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .execute();
  }

  async delete(instanceId: string, id: string): Promise<boolean> {
    const r = await this.#db
      .deleteFrom('passkeys')
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }
}
