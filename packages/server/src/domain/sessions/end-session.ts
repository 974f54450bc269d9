/**
 * Sign-out. Ending a session (or all of a client's sessions) rotates the client token, like
 * sign-in does, and points the client at another of its active sessions if one is left.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { FlowContext } from '../flow-context.ts';
import type { Session } from './session.ts';

export async function endClientSession(
  deps: Pick<Deps, 'clock' | 'store'>,
  ctx: FlowContext,
  sessionId: string,
  status: 'ended' | 'removed',
): Promise<Session> {
  const client = ctx.client.current;
  if (!client) throw new GatehouseError('signed_out');
  return deps.store.transaction(async (store) => {
    const session = await store.sessions.findById(ctx.instance.id, sessionId);
    if (!session || session.clientId !== client.id) throw new GatehouseError('session_not_found');
    const now = deps.clock.now();
    if (session.status === 'active') await store.sessions.endIfActive(ctx.instance.id, session.id, status, now);
    const remaining = await store.sessions.listByClient(ctx.instance.id, client.id, ['active']);
    await ctx.client.rotate(store, { lastActiveSessionId: remaining.at(-1)?.id ?? null });
    return (await store.sessions.findById(ctx.instance.id, session.id)) ?? session;
  });
}

export async function endAllClientSessions(deps: Pick<Deps, 'clock' | 'store'>, ctx: FlowContext): Promise<void> {
  const client = ctx.client.current;
  if (!client) return;
  await deps.store.transaction(async (store) => {
    const now = deps.clock.now();
    for (const s of await store.sessions.listByClient(ctx.instance.id, client.id, ['active']))
      await store.sessions.endIfActive(ctx.instance.id, s.id, 'ended', now);
    await ctx.client.rotate(store, { lastActiveSessionId: null });
  });
}
