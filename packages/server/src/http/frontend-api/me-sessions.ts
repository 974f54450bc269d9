/** `/v1/me/sessions`: the signed-in user's sessions on every device, and revoking one of them. */
import { ClientSessionObject, ErrorResponse, Wrapped } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import { revokeOwnSession } from '../../domain/sessions/revoke-own-session.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import { clientSessionView } from '../serializers/session.ts';
import type { TypedApp } from '../typed-app.ts';
import { currentSession } from './current-session.ts';
import { CommonQuery, SessionParams } from './params.ts';
import { wrap } from './wrap.ts';

const tags = ['Frontend API: me'];

export function meSessionRoutes(app: TypedApp, deps: AppDeps): void {
  app.get(
    ROUTES.frontend.me.sessions,
    {
      schema: {
        tags,
        summary: 'The user’s active sessions on every device',
        querystring: CommonQuery,
        response: { 200: Type.Array(ClientSessionObject), '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const { user } = await currentSession(deps, request.fapi, request.query._clerk_session_id);
      const sessions = await deps.store.sessions.list(request.fapi.instance.id, {
        userId: user.id,
        status: 'active',
        limit: 100,
        offset: 0,
      });
      const now = deps.clock.now();
      return sessions.map((s) => clientSessionView(s, user, request.fapi.instance.settings, now));
    },
  );

  app.post(
    ROUTES.frontend.me.revokeSession,
    {
      schema: {
        tags,
        summary: 'Revoke one of the user’s sessions, e.g. on another device',
        querystring: CommonQuery,
        params: SessionParams,
        response: { 200: Wrapped(ClientSessionObject), '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const ctx = request.fapi;
      const { user } = await currentSession(deps, ctx, request.query._clerk_session_id);
      const session = await revokeOwnSession(deps, ctx, user.id, request.params.session_id);
      return wrap(deps, ctx, clientSessionView(session, user, ctx.instance.settings, deps.clock.now()));
    },
  );
}
