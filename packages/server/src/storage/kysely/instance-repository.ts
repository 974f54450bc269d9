import type { Kysely, Selectable } from 'kysely';
import { resolveSettings } from '../../config/instance-settings.ts';
import type { InstanceRepository, StoredInstance } from '../../domain/store.ts';
import type { Database, InstancesTable } from '../schema.ts';
import { fromJsonObject, toJson } from './json.ts';

const toInstance = (r: Selectable<InstancesTable>): StoredInstance => {
  const overrides = fromJsonObject(r.settings);
  const resolved = resolveSettings(overrides);
  // Stored settings were validated when written; failing here means a schema change broke
  // them, which must stop the request loudly rather than run with guessed settings.
  if (!resolved.ok)
    throw new Error(`instance ${r.id} has invalid stored settings: ${JSON.stringify(resolved.problems)}`);
  return {
    id: r.id,
    name: r.name,
    environment: r.environment,
    frontendApiUrl: r.frontend_api_url,
    frontendApiHost: r.frontend_api_host,
    settings: resolved.settings,
    settingsOverrides: overrides,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
};

export class KyselyInstanceRepository implements InstanceRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async create(i: StoredInstance): Promise<void> {
    await this.#db
      .insertInto('instances')
      .values({
        id: i.id,
        name: i.name,
        environment: i.environment,
        frontend_api_url: i.frontendApiUrl,
        frontend_api_host: i.frontendApiHost,
        settings: toJson(i.settingsOverrides),
        created_at: i.createdAt,
        updated_at: i.updatedAt,
      })
      .execute();
  }

  async findById(id: string): Promise<StoredInstance | null> {
    const r = await this.#db.selectFrom('instances').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toInstance(r) : null;
  }

  async findByHost(host: string): Promise<StoredInstance | null> {
    const r = await this.#db
      .selectFrom('instances')
      .selectAll()
      .where('frontend_api_host', '=', host)
      .executeTakeFirst();
    return r ? toInstance(r) : null;
  }

  async list(): Promise<StoredInstance[]> {
    const rows = await this.#db.selectFrom('instances').selectAll().orderBy('created_at', 'asc').execute();
    return rows.map(toInstance);
  }

  async updateSettings(id: string, overrides: Record<string, unknown>, now: number): Promise<void> {
    await this.#db
      .updateTable('instances')
      .set({ settings: toJson(overrides), updated_at: now })
      .where('id', '=', id)
      .execute();
  }
}
