/**
 * Mints a session token (the hot path: every tab calls it about once a minute).
 * - A session past its maximum lifetime or inactivity timeout is ended here, and the caller
 *   gets `session_expired`; an ended, revoked or removed session gets `session_not_active`.
 * - `last_active_at` is written at most every TOUCH_INTERVAL_MS, so a busy session costs one
 *   write per interval, not one per token.
 */

import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { Instance } from '../instances/instance.ts';
import { assertSessionNotPending } from '../mfa/pending-session.ts';
import { buildSessionClaims } from '../tokens/session-claims.ts';
import { effectiveStatus, type Session } from './session.ts';

export const TOUCH_INTERVAL_MS = 10_000;

export async function assertSessionUsable(
  deps: Pick<Deps, 'clock' | 'store'>,
  instance: Instance,
  session: Session,
): Promise<void> {
  const now = deps.clock.now();
  const status = effectiveStatus(session, instance.settings, now);
  if (status === 'active') return;
  if (session.status === 'active') await deps.store.sessions.endIfActive(instance.id, session.id, status, now);
  throw new GatehouseError(status === 'expired' || status === 'abandoned' ? 'session_expired' : 'session_not_active', {
    meta: { session_id: session.id, status },
  });
}

export async function mintSessionToken(
  deps: Pick<Deps, 'clock' | 'random' | 'store' | 'signer'>,
  instance: Instance,
  session: Session,
  azp: string | null,
): Promise<string> {
  await assertSessionUsable(deps, instance, session);
  await assertSessionNotPending(deps, instance, session);
  const now = deps.clock.now();
  if (now - session.lastActiveAt >= TOUCH_INTERVAL_MS) await deps.store.sessions.touch(instance.id, session.id, now);
  return deps.signer.sign(instance, buildSessionClaims(instance, session, { now, azp, jti: deps.random.id('jti') }));
}
