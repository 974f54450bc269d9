import { GatehouseError } from '@gatehouse/shared';
import { ClientObject, ClientSessionObject, ErrorResponse, TokenObject, Wrapped } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import { endAllClientSessions, endClientSession } from '../../domain/sessions/end-session.ts';
import { assertSessionUsable, mintSessionToken } from '../../domain/sessions/mint-session-token.ts';
import type { Session } from '../../domain/sessions/session.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import { clientSessionView } from '../serializers/session.ts';
import type { TypedApp } from '../typed-app.ts';
import { type FrontendContext, findClientWithSession } from './context.ts';
import { CommonQuery, SessionParams } from './params.ts';
import { wrap } from './wrap.ts';

const tags = ['Frontend API: sessions'];
const SessionResponse = { 200: Wrapped(ClientSessionObject), '4xx': ErrorResponse };

/** A session of the calling client; anyone else's session is `session_not_found`. */
async function clientSession(deps: AppDeps, ctx: FrontendContext, id: string): Promise<Session> {
  const client = ctx.client.current;
  if (!client) throw new GatehouseError('signed_out');
  const session = await deps.store.sessions.findById(ctx.instance.id, id);
  if (!session || session.clientId !== client.id) throw new GatehouseError('session_not_found');
  return session;
}

export function sessionRoutes(app: TypedApp, deps: AppDeps): void {
  const view = async (ctx: FrontendContext, s: Session) => {
    const user = await deps.store.users.findById(ctx.instance.id, s.userId);
    return wrap(deps, ctx, clientSessionView(s, user, ctx.instance.settings, deps.clock.now()));
  };

  app.post(
    ROUTES.frontend.sessions.tokens,
    {
      // The hot path: the client and the session come from one read (see findClientWithSession).
      config: { client: 'with-session' },
      schema: {
        tags,
        summary: 'Mint a session token (JWT)',
        querystring: CommonQuery,
        params: SessionParams,
        body: Type.Optional(Type.Object({ organization_id: Type.Optional(Type.String({ maxLength: 64 })) })),
        response: { 200: TokenObject, '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const { client, session } = await findClientWithSession(deps, request, request.params.session_id);
      if (!client) throw new GatehouseError('signed_out');
      if (!session) throw new GatehouseError('session_not_found');
      const ctx = request.fapi;
      const jwt = await mintSessionToken(deps, ctx.instance, session, ctx.request.origin);
      return { object: 'token' as const, jwt };
    },
  );

  app.get(
    ROUTES.frontend.sessions.get,
    { schema: { tags, querystring: CommonQuery, params: SessionParams, response: SessionResponse } },
    async (request) => view(request.fapi, await clientSession(deps, request.fapi, request.params.session_id)),
  );

  app.post(
    ROUTES.frontend.sessions.touch,
    {
      schema: {
        tags,
        summary: 'Make a session the client’s active one',
        querystring: CommonQuery,
        params: SessionParams,
        body: Type.Optional(Type.Object({ active_organization_id: Type.Optional(Type.String({ maxLength: 64 })) })),
        response: SessionResponse,
      },
    },
    async (request) => {
      const ctx = request.fapi;
      const session = await clientSession(deps, ctx, request.params.session_id);
      await assertSessionUsable(deps, ctx.instance, session);
      const now = deps.clock.now();
      await deps.store.sessions.touch(ctx.instance.id, session.id, now);
      await ctx.client.update(deps.store, { lastActiveSessionId: session.id });
      return view(ctx, { ...session, lastActiveAt: now });
    },
  );

  for (const [route, status] of [
    [ROUTES.frontend.sessions.end, 'ended'],
    [ROUTES.frontend.sessions.remove, 'removed'],
  ] as const)
    app.post(
      route,
      {
        schema: {
          tags,
          summary: status === 'ended' ? 'Sign out of a session' : 'Remove a session from the client',
          querystring: CommonQuery,
          params: SessionParams,
          response: SessionResponse,
        },
      },
      async (request) =>
        view(request.fapi, await endClientSession(deps, request.fapi, request.params.session_id, status)),
    );

  app.delete(
    ROUTES.frontend.sessions.all,
    {
      schema: {
        tags,
        summary: 'Sign out of every session on this client',
        querystring: CommonQuery,
        response: { 200: Type.Object({ response: ClientObject, client: ClientObject }), '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const ctx = request.fapi;
      if (!ctx.client.current) throw new GatehouseError('client_not_found');
      await endAllClientSessions(deps, ctx);
      const wrapped = await wrap(deps, ctx, null);
      return { response: wrapped.client!, client: wrapped.client! };
    },
  );
}
