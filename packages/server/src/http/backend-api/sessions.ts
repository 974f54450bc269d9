import { GatehouseError } from '@gatehouse/shared';
import { SessionListQuery as ListQuery } from '@gatehouse/shared/backend-api';
import { ErrorResponse, SessionObject, TokenObject } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import { mintSessionToken } from '../../domain/sessions/mint-session-token.ts';
import { effectiveStatus, type Session } from '../../domain/sessions/session.ts';
import type { StoredInstance } from '../../domain/store.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import { sessionView } from '../serializers/session.ts';
import type { TypedApp } from '../typed-app.ts';

const tags = ['Backend API: sessions'];
const SessionParams = Type.Object({ session_id: Type.String({ minLength: 1, maxLength: 64 }) });
const One = { 200: SessionObject, '4xx': ErrorResponse };

export function sessionRoutes(app: TypedApp, deps: AppDeps): void {
  /** A session as it is now: one past its lifetime is reported (and stored) as expired. */
  const load = async (instance: StoredInstance, id: string): Promise<Session> => {
    const s = await deps.store.sessions.findById(instance.id, id);
    if (!s) throw new GatehouseError('session_not_found', { meta: { session_id: id } });
    const now = deps.clock.now();
    const status = effectiveStatus(s, instance.settings, now);
    if (status === s.status) return s;
    await deps.store.sessions.endIfActive(instance.id, s.id, status as Exclude<typeof status, 'active'>, now);
    return { ...s, status, endedAt: now };
  };

  app.get(
    ROUTES.backend.sessions.list,
    {
      schema: {
        tags,
        summary: 'List sessions, newest first',
        querystring: ListQuery,
        response: { 200: Type.Array(SessionObject), '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const q = request.query;
      const { instance } = request.bapi;
      const sessions = await deps.store.sessions.list(instance.id, {
        userId: q.user_id,
        clientId: q.client_id,
        status: q.status,
        limit: q.limit,
        offset: q.offset,
      });
      return sessions.map((s) => sessionView(s, instance.settings));
    },
  );

  app.get(ROUTES.backend.sessions.one, { schema: { tags, params: SessionParams, response: One } }, async (request) =>
    sessionView(await load(request.bapi.instance, request.params.session_id), request.bapi.instance.settings),
  );

  app.post(
    ROUTES.backend.sessions.revoke,
    { schema: { tags, summary: 'Revoke a session at once', params: SessionParams, response: One } },
    async (request) => {
      const { instance } = request.bapi;
      const s = await load(instance, request.params.session_id);
      const now = deps.clock.now();
      const revoked = await deps.store.sessions.endIfActive(instance.id, s.id, 'revoked', now);
      return sessionView(revoked ? { ...s, status: 'revoked', endedAt: now, updatedAt: now } : s, instance.settings);
    },
  );

  app.post(
    ROUTES.backend.sessions.tokens,
    {
      schema: {
        tags,
        summary: 'Mint a session token for an active session (server side, no azp)',
        params: SessionParams,
        response: { 200: TokenObject, '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const { instance } = request.bapi;
      const s = await deps.store.sessions.findById(instance.id, request.params.session_id);
      if (!s) throw new GatehouseError('session_not_found', { meta: { session_id: request.params.session_id } });
      return { object: 'token' as const, jwt: await mintSessionToken(deps, instance, s, null) };
    },
  );
}
