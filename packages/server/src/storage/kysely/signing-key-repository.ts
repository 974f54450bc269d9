import type { Kysely, Selectable } from 'kysely';
import type { PublicJwk, SigningKeyRecord, SigningKeyRepository } from '../../domain/store.ts';
import type { Database, SigningKeysTable } from '../schema.ts';
import { fromJsonObject, toJson } from './json.ts';

const toRecord = (r: Selectable<SigningKeysTable>): SigningKeyRecord => ({
  kid: r.kid,
  instanceId: r.instance_id,
  alg: r.alg,
  publicJwk: fromJsonObject(r.public_jwk) as unknown as PublicJwk,
  privateJwkEncrypted: r.private_jwk,
  status: r.status,
  createdAt: r.created_at,
  retiredAt: r.retired_at,
  publishUntil: r.publish_until,
});

export class KyselySigningKeyRepository implements SigningKeyRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async create(k: SigningKeyRecord): Promise<void> {
    await this.#db
      .insertInto('signing_keys')
      .values({
        kid: k.kid,
        instance_id: k.instanceId,
        alg: k.alg,
        public_jwk: toJson(k.publicJwk),
        private_jwk: k.privateJwkEncrypted,
        status: k.status,
        created_at: k.createdAt,
        retired_at: k.retiredAt,
        publish_until: k.publishUntil,
      })
      .execute();
  }

  async findActive(instanceId: string): Promise<SigningKeyRecord | null> {
    const r = await this.#db
      .selectFrom('signing_keys')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('status', '=', 'active')
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  async listPublished(instanceId: string, now: number): Promise<SigningKeyRecord[]> {
    const rows = await this.#db
      .selectFrom('signing_keys')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where((eb) => eb.or([eb('status', '=', 'active'), eb('publish_until', '>', now)]))
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toRecord);
  }

  async retire(instanceId: string, kid: string, now: number, publishUntil: number): Promise<void> {
    await this.#db
      .updateTable('signing_keys')
      .set({ status: 'retired', retired_at: now, publish_until: publishUntil })
      .where('instance_id', '=', instanceId)
      .where('kid', '=', kid)
      .execute();
  }
}
