/**
 * `/v1/allowlist_identifiers` and `/v1/blocklist_identifiers`, as Clerk serves them: list,
 * add, remove. The allowlist lists as a bare array unless `paginated=true` (what Clerk's
 * backend SDK asks for); the blocklist always as `{ data, total_count }`.
 */
import {
  AllowlistIdentifierObject,
  BlocklistIdentifierList,
  BlocklistIdentifierObject,
  CreateRestrictionIdentifierBody,
  DeletedObject,
  ErrorResponse,
  Paging,
} from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import type { IdentifierRestriction, RestrictionList } from '../../domain/store.ts';
import { addRestrictionIdentifier, removeRestrictionIdentifier } from '../../domain/users/restriction-lists.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import type { TypedApp } from '../typed-app.ts';

const tags = ['Backend API: restrictions'];
const ListQuery = Type.Object({
  paginated: Type.Optional(Type.Boolean()),
  ...Paging({ defaultLimit: 500, maxLimit: 500 }),
});
const IdParams = Type.Object({ identifier_id: Type.String({ minLength: 1, maxLength: 64 }) });

const view = <O extends 'allowlist_identifier' | 'blocklist_identifier'>(object: O, r: IdentifierRestriction) => ({
  object,
  id: r.id,
  identifier: r.identifier,
  identifier_type: r.identifierType,
  instance_id: r.instanceId,
  created_at: r.createdAt,
  updated_at: r.updatedAt,
});

export function restrictionRoutes(app: TypedApp, deps: AppDeps): void {
  const page = async (instanceId: string, list: RestrictionList, q: { limit: number; offset: number }) => {
    const all = await deps.store.restrictions.list(instanceId, list);
    return { all, slice: all.slice(q.offset, q.offset + q.limit) };
  };

  app.get(
    ROUTES.backend.allowlistIdentifiers.list,
    {
      schema: {
        tags,
        summary: 'List allowlist identifiers, oldest first',
        querystring: ListQuery,
        response: {
          200: Type.Union([
            Type.Array(AllowlistIdentifierObject),
            Type.Object({ data: Type.Array(AllowlistIdentifierObject), total_count: Type.Integer() }),
          ]),
          '4xx': ErrorResponse,
        },
      },
    },
    async (request) => {
      const { all, slice } = await page(request.bapi.instance.id, 'allowlist', request.query);
      const data = slice.map((r) => view('allowlist_identifier', r));
      return request.query.paginated ? { data, total_count: all.length } : data;
    },
  );

  app.post(
    ROUTES.backend.allowlistIdentifiers.list,
    {
      schema: {
        tags,
        summary: 'Add an email address, `*@domain` or phone number to the allowlist',
        body: CreateRestrictionIdentifierBody,
        response: { 200: AllowlistIdentifierObject, '4xx': ErrorResponse },
      },
    },
    async (request) =>
      view(
        'allowlist_identifier',
        await addRestrictionIdentifier(deps, request.bapi.instance.id, 'allowlist', request.body.identifier),
      ),
  );

  app.delete(
    ROUTES.backend.allowlistIdentifiers.one,
    {
      schema: {
        tags,
        summary: 'Remove an allowlist identifier',
        params: IdParams,
        response: { 200: DeletedObject, '4xx': ErrorResponse },
      },
    },
    async (request) => {
      await removeRestrictionIdentifier(deps, request.bapi.instance.id, 'allowlist', request.params.identifier_id);
      return { object: 'allowlist_identifier', id: request.params.identifier_id, deleted: true as const };
    },
  );

  app.get(
    ROUTES.backend.blocklistIdentifiers.list,
    {
      schema: {
        tags,
        summary: 'List blocklist identifiers, oldest first',
        querystring: ListQuery,
        response: { 200: BlocklistIdentifierList, '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const { all, slice } = await page(request.bapi.instance.id, 'blocklist', request.query);
      return { data: slice.map((r) => view('blocklist_identifier', r)), total_count: all.length };
    },
  );

  app.post(
    ROUTES.backend.blocklistIdentifiers.list,
    {
      schema: {
        tags,
        summary: 'Add an email address (and so its subaddresses), `*@domain` or phone number to the blocklist',
        body: CreateRestrictionIdentifierBody,
        response: { 200: BlocklistIdentifierObject, '4xx': ErrorResponse },
      },
    },
    async (request) =>
      view(
        'blocklist_identifier',
        await addRestrictionIdentifier(deps, request.bapi.instance.id, 'blocklist', request.body.identifier),
      ),
  );

  app.delete(
    ROUTES.backend.blocklistIdentifiers.one,
    {
      schema: {
        tags,
        summary: 'Remove a blocklist identifier',
        params: IdParams,
        response: { 200: DeletedObject, '4xx': ErrorResponse },
      },
    },
    async (request) => {
      await removeRestrictionIdentifier(deps, request.bapi.instance.id, 'blocklist', request.params.identifier_id);
      return { object: 'blocklist_identifier', id: request.params.identifier_id, deleted: true as const };
    },
  );
}
