/**
 * Turns a completed sign-in or sign-up into a session on the caller's client:
 * - in single-session mode a client holds one active session: a second sign-in is refused
 *   with `session_exists` (sign out first);
 * - the session records the device it was created on (browser, OS, IP address, location);
 * - the session becomes the client's last active one and the client token rotates, so
 *   whoever knew the pre-sign-in token cannot ride the new session.
 * Runs inside the caller's transaction.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { FlowContext } from '../flow-context.ts';
import type { Store } from '../store.ts';
import { describeDevice } from './device.ts';
import type { Session, SessionOrigin } from './session.ts';

export async function assertCanAddSession(store: Store, ctx: FlowContext): Promise<void> {
  const client = ctx.client.current;
  if (!client || ctx.instance.settings.sessions.multi_session.enabled) return;
  const active = await store.sessions.listByClient(ctx.instance.id, client.id, ['active']);
  if (active.length > 0) throw new GatehouseError('session_exists');
}

export async function activateSession(
  deps: Pick<Deps, 'clock' | 'geo'>,
  store: Store,
  ctx: FlowContext,
  s: {
    id: string;
    userId: string;
    method: string;
    origin: SessionOrigin;
    firstFactorVerifiedAt: number;
    secondFactorVerifiedAt: number | null;
  },
): Promise<Session> {
  await assertCanAddSession(store, ctx);
  const client = await ctx.client.ensure(store);
  const now = deps.clock.now();
  const session: Session = {
    id: s.id,
    instanceId: ctx.instance.id,
    clientId: client.id,
    userId: s.userId,
    status: 'active',
    lastActiveAt: now,
    expireAt: now + ctx.instance.settings.sessions.max_lifetime_seconds * 1000,
    firstFactorVerifiedAt: s.firstFactorVerifiedAt,
    secondFactorVerifiedAt: s.secondFactorVerifiedAt,
    signInMethod: s.method,
    activity: describeDevice(deps.geo, ctx.request),
    origin: s.origin,
    endedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  await store.sessions.create(session);
  await store.users.update(ctx.instance.id, s.userId, { lastSignInAt: now, lastActiveAt: now }, now);
  await ctx.client.rotate(store, { lastActiveSessionId: session.id });
  return session;
}
