import { DeletedObject, ErrorResponse, Metadata, UserObject, Wrapped } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import { listPasskeys } from '../../domain/passkeys/manage-passkeys.ts';
import { requireReverification } from '../../domain/sessions/reverification.ts';
import { deleteUser } from '../../domain/users/manage-users.ts';
import { changeOwnPassword, updateOwnProfile } from '../../domain/users/self-service.ts';
import type { User } from '../../domain/users/user.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import { passkeyView } from '../serializers/passkey.ts';
import { userView } from '../serializers/user.ts';
import type { TypedApp } from '../typed-app.ts';
import type { FrontendContext } from './context.ts';
import { currentSession } from './current-session.ts';
import { CommonQuery } from './params.ts';
import { wrap } from './wrap.ts';

const tags = ['Frontend API: me'];
const UserResponse = { 200: Wrapped(UserObject), '4xx': ErrorResponse };

const UpdateMeBody = Type.Object({
  first_name: Type.Optional(Type.String({ maxLength: 256 })),
  last_name: Type.Optional(Type.String({ maxLength: 256 })),
  username: Type.Optional(Type.String({ maxLength: 128 })),
  unsafe_metadata: Type.Optional(Metadata),
  primary_email_address_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  primary_phone_number_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
});

const ChangePasswordBody = Type.Object({
  current_password: Type.Optional(Type.String({ maxLength: 1024 })),
  new_password: Type.String({ maxLength: 1024 }),
  sign_out_of_other_sessions: Type.Optional(Type.Boolean()),
});

export function meRoutes(app: TypedApp, deps: AppDeps): void {
  // The user's own view also lists their passkeys (Clerk's `user.passkeys`).
  const view = async (ctx: FrontendContext, u: User) =>
    wrap(deps, ctx, {
      ...userView(u, deps.clock.now(), { includePrivate: false }),
      passkeys: (await listPasskeys(deps, ctx.instance, u)).map((p) => passkeyView(p)),
    });
  const me = (request: { fapi: FrontendContext; query: { _clerk_session_id?: string } }) =>
    currentSession(deps, request.fapi, request.query._clerk_session_id);

  app.get(
    ROUTES.frontend.me.self,
    { schema: { tags, querystring: CommonQuery, response: UserResponse } },
    async (request) => view(request.fapi, (await me(request)).user),
  );

  app.patch(
    ROUTES.frontend.me.self,
    { schema: { tags, querystring: CommonQuery, body: UpdateMeBody, response: UserResponse } },
    async (request) => {
      const { user } = await me(request);
      return view(request.fapi, await updateOwnProfile(deps, request.fapi.instance, user, request.body));
    },
  );

  app.post(
    ROUTES.frontend.me.changePassword,
    {
      schema: { tags, querystring: CommonQuery, body: ChangePasswordBody, response: UserResponse },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const { user, session } = await me(request);
      requireReverification(session, deps.clock.now());
      return view(request.fapi, await changeOwnPassword(deps, request.fapi.instance, user, session, request.body));
    },
  );

  app.delete(
    ROUTES.frontend.me.self,
    {
      schema: {
        tags,
        summary: 'Delete the signed-in user’s account',
        querystring: CommonQuery,
        response: { 200: Wrapped(DeletedObject), '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const ctx = request.fapi;
      const { user, session } = await me(request);
      requireReverification(session, deps.clock.now());
      await deps.store.transaction(async (store) => {
        await deleteUser({ store }, ctx.instance.id, user.id);
        await ctx.client.rotate(store, { lastActiveSessionId: null });
      });
      return wrap(deps, ctx, { object: 'user', id: user.id, deleted: true as const });
    },
  );
}
