/**
 * The session a `/v1/me` request acts for: the one named by `_clerk_session_id`, else the
 * client's last active session. It must belong to this client and still be usable.
 */

import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../../domain/deps.ts';
import { assertSessionNotPending } from '../../domain/mfa/pending-session.ts';
import { assertSessionUsable } from '../../domain/sessions/mint-session-token.ts';
import type { Session } from '../../domain/sessions/session.ts';
import type { User } from '../../domain/users/user.ts';
import type { FrontendContext } from './context.ts';

export async function currentSession(
  deps: Pick<Deps, 'store' | 'clock'>,
  ctx: FrontendContext,
  sessionId?: string,
  /** Pending sessions (MFA to set up) reach only the routes that pass this: MFA enrolment. */
  opts: { allowPending?: boolean } = {},
): Promise<{ session: Session; user: User }> {
  const client = ctx.client.current;
  const id = sessionId ?? client?.lastActiveSessionId;
  if (!client || !id) throw new GatehouseError('signed_out');
  const session = await deps.store.sessions.findById(ctx.instance.id, id);
  if (!session || session.clientId !== client.id) throw new GatehouseError('signed_out');
  await assertSessionUsable(deps, ctx.instance, session);
  const user = await deps.store.users.findById(ctx.instance.id, session.userId);
  if (!user) throw new GatehouseError('signed_out');
  if (!opts.allowPending) await assertSessionNotPending(deps, ctx.instance, session, user);
  return { session, user };
}
