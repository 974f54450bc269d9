import { GatehouseError } from '@gatehouse/shared';
import type { Kysely } from 'kysely';
import type { IdentifierRestriction, RestrictionList, RestrictionRepository } from '../../domain/store.ts';
import type { Database, IdentifierRestrictionsTable } from '../schema.ts';
import { isUniqueViolation } from './unique-violation.ts';

const toRestriction = (r: IdentifierRestrictionsTable): IdentifierRestriction => ({
  id: r.id,
  instanceId: r.instance_id,
  list: r.list,
  identifier: r.identifier,
  identifierType: r.identifier_type,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

export class KyselyRestrictionRepository implements RestrictionRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async list(instanceId: string, list: RestrictionList): Promise<IdentifierRestriction[]> {
    const rows = await this.#db
      .selectFrom('identifier_restrictions')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('list', '=', list)
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
    return rows.map(toRestriction);
  }

  async create(r: IdentifierRestriction): Promise<void> {
    try {
      await this.#db
        .insertInto('identifier_restrictions')
        .values({
          id: r.id,
          instance_id: r.instanceId,
          list: r.list,
          identifier: r.identifier,
          identifier_type: r.identifierType,
          created_at: r.createdAt,
          updated_at: r.updatedAt,
        })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err))
        throw new GatehouseError('duplicate_record', {
          longMessage: `The identifier ${r.identifier} is already on the ${r.list}.`,
          meta: { param_name: 'identifier' },
        });
      throw err;
    }
  }

  async delete(instanceId: string, list: RestrictionList, id: string): Promise<boolean> {
    const r = await this.#db
      .deleteFrom('identifier_restrictions')
      .where('instance_id', '=', instanceId)
      .where('list', '=', list)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async match(
    instanceId: string,
    list: RestrictionList,
    identifiers: string[],
  ): Promise<{ any: boolean; matched: string[] }> {
    const first = await this.#db
      .selectFrom('identifier_restrictions')
      .select('id')
      .where('instance_id', '=', instanceId)
      .where('list', '=', list)
      .limit(1)
      .executeTakeFirst();
    if (!first || identifiers.length === 0) return { any: first !== undefined, matched: [] };
    const rows = await this.#db
      .selectFrom('identifier_restrictions')
      .select('identifier')
      .where('instance_id', '=', instanceId)
      .where('list', '=', list)
      .where('identifier', 'in', identifiers)
      .execute();
    return { any: true, matched: rows.map((r) => r.identifier) };
  }
}
