/**
 * A signed-in user revoking one of their sessions, typically on another device
 * (`/v1/me/sessions/{id}/revoke`). The other device's next token mint fails at once.
 * - A session of another user is `session_not_found`, as if it did not exist.
 * - A session that already ended is returned as it is (expired and abandoned ones are
 *   recorded as such first, as everywhere).
 * - Revoking a session of the calling client itself rotates the client token and points the
 *   client at another of its active sessions, like sign-out.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { FlowContext } from '../flow-context.ts';
import { effectiveStatus, type Session } from './session.ts';

export async function revokeOwnSession(
  deps: Pick<Deps, 'clock' | 'store'>,
  ctx: FlowContext,
  userId: string,
  sessionId: string,
): Promise<Session> {
  return deps.store.transaction(async (store) => {
    const session = await store.sessions.findById(ctx.instance.id, sessionId);
    if (!session || session.userId !== userId)
      throw new GatehouseError('session_not_found', { meta: { session_id: sessionId } });
    const now = deps.clock.now();
    const status = effectiveStatus(session, ctx.instance.settings, now);
    if (session.status !== 'active') return session;
    const next = status === 'active' ? 'revoked' : status;
    if (!(await store.sessions.endIfActive(ctx.instance.id, session.id, next, now)))
      return (await store.sessions.findById(ctx.instance.id, session.id)) ?? session;
    const client = ctx.client.current;
    if (client && session.clientId === client.id) {
      const remaining = await store.sessions.listByClient(ctx.instance.id, client.id, ['active']);
      await ctx.client.rotate(store, { lastActiveSessionId: remaining.at(-1)?.id ?? null });
    }
    return { ...session, status: next, endedAt: now, updatedAt: now };
  });
}
