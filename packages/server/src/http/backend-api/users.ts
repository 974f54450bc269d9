import {
  CreateUserBody,
  UserListQuery as ListQuery,
  UpdateUserBody,
  UserCountQuery,
} from '@gatehouse/shared/backend-api';
import { DeletedObject, ErrorResponse, TotalCount, UserObject } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import type { InstanceSettings } from '../../config/instance-settings.ts';
import { normalizeEmail } from '../../domain/policies/email-address.ts';
import type { UserListQuery } from '../../domain/store.ts';
import { createUser, deleteUser, getUser, setBanned, setLocked, updateUser } from '../../domain/users/manage-users.ts';
import type { User } from '../../domain/users/user.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import { userView } from '../serializers/user.ts';
import type { TypedApp } from '../typed-app.ts';

const tags = ['Backend API: users'];
const UserParams = Type.Object({ user_id: Type.String({ minLength: 1, maxLength: 64 }) });
const One = { 200: UserObject, '4xx': ErrorResponse };
const filters = (q: {
  email_address?: string[];
  user_id?: string[];
  username?: string[];
  query?: string;
  banned?: boolean;
}) => ({
  ...(q.email_address && { emailAddresses: q.email_address.map(normalizeEmail) }),
  ...(q.user_id && { userIds: q.user_id }),
  ...(q.username && { usernames: q.username.map((u) => u.toLowerCase()) }),
  ...(q.query && { query: q.query }),
  ...(q.banned !== undefined && { banned: q.banned }),
});

export function userRoutes(app: TypedApp, deps: AppDeps): void {
  // The Backend API's instance is the one every user it returns belongs to.
  const view = (settings: InstanceSettings, u: User) =>
    userView(u, deps.clock.now(), { includePrivate: true, lockout: settings.attack_protection.user_lockout });

  app.get(
    ROUTES.backend.users.list,
    {
      schema: {
        tags,
        summary: 'List users, newest first by default',
        querystring: ListQuery,
        response: { 200: Type.Array(UserObject), '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const q = request.query;
      const desc = q.order_by.startsWith('-');
      const orderBy: UserListQuery['orderBy'] = {
        field: q.order_by.replace(/^[+-]/, '') as UserListQuery['orderBy']['field'],
        direction: desc ? 'desc' : 'asc',
      };
      const users = await deps.store.users.list(request.bapi.instance.id, {
        ...filters(q),
        limit: q.limit,
        offset: q.offset,
        orderBy,
      });
      return users.map((u) => view(request.bapi.instance.settings, u));
    },
  );

  app.get(
    ROUTES.backend.users.count,
    {
      schema: {
        tags,
        summary: 'Count users matching the filters',
        querystring: UserCountQuery,
        response: { 200: TotalCount, '4xx': ErrorResponse },
      },
    },
    async (request) => ({
      object: 'total_count' as const,
      total_count: await deps.store.users.count(request.bapi.instance.id, filters(request.query)),
    }),
  );

  app.post(
    ROUTES.backend.users.list,
    { schema: { tags, summary: 'Create a user', body: CreateUserBody, response: One } },
    async (request) =>
      view(request.bapi.instance.settings, await createUser(deps, request.bapi.instance, request.body)),
  );

  app.get(ROUTES.backend.users.one, { schema: { tags, params: UserParams, response: One } }, async (request) =>
    view(request.bapi.instance.settings, await getUser(deps, request.bapi.instance.id, request.params.user_id)),
  );

  app.patch(
    ROUTES.backend.users.one,
    { schema: { tags, summary: 'Update a user', params: UserParams, body: UpdateUserBody, response: One } },
    async (request) => {
      const user = await getUser(deps, request.bapi.instance.id, request.params.user_id);
      return view(request.bapi.instance.settings, await updateUser(deps, request.bapi.instance, user, request.body));
    },
  );

  app.delete(
    ROUTES.backend.users.one,
    { schema: { tags, params: UserParams, response: { 200: DeletedObject, '4xx': ErrorResponse } } },
    async (request) => {
      await deleteUser(deps, request.bapi.instance.id, request.params.user_id);
      return { object: 'user', id: request.params.user_id, deleted: true as const };
    },
  );

  const actions = [
    [
      ROUTES.backend.users.ban,
      'Ban a user and revoke every session',
      (u: User) => setBanned(deps, u.instanceId, u, true),
    ],
    [ROUTES.backend.users.unban, 'Lift a ban', (u: User) => setBanned(deps, u.instanceId, u, false)],
    [ROUTES.backend.users.lock, 'Lock a user until unlocked', (u: User) => setLocked(deps, u.instanceId, u, true)],
    [ROUTES.backend.users.unlock, 'Unlock a user', (u: User) => setLocked(deps, u.instanceId, u, false)],
  ] as const;
  for (const [route, summary, act] of actions)
    app.post(route, { schema: { tags, summary, params: UserParams, response: One } }, async (request) =>
      view(
        request.bapi.instance.settings,
        await act(await getUser(deps, request.bapi.instance.id, request.params.user_id)),
      ),
    );
}
