/**
 * A pending session (instance setting `auth.multi_factor.required`, user without a second
 * factor) is signed in but not yet usable: it mints no session token and reaches only the MFA
 * enrolment endpoints and sign-out. Pendingness is computed from the user and the settings,
 * so enrolling a factor activates the session at once, and turning the setting on asks
 * existing users too.
 *
 * Token minting is the hot path and does not read the user: once a check finds the user has a
 * second factor, the session remembers it (`mfaReady`, read with the session) and later mints
 * skip the check. Removing a second factor forgets it for all the user's sessions
 * (`forgetMfaReady`), so the next token asks again.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { Instance } from '../instances/instance.ts';
import type { Session } from '../sessions/session.ts';
import type { User } from '../users/user.ts';
import { pendingMfaTask } from './second-factors.ts';

/** Throws `session_task_pending` (with the tasks) when the session has a task left. */
export async function assertSessionNotPending(
  deps: Pick<Deps, 'store'>,
  instance: Instance,
  session: Session,
  user?: User,
): Promise<void> {
  if (!instance.settings.auth.multi_factor.required) return;
  if (!user && session.mfaReady === true) return;
  const owner = user ?? (await deps.store.users.findById(instance.id, session.userId));
  const task = owner ? pendingMfaTask(owner, instance.settings) : null;
  if (task)
    throw new GatehouseError('session_task_pending', {
      longMessage: 'Set up two-step verification to continue.',
      meta: { session_id: session.id, tasks: [{ key: task }] },
    });
  if (owner && session.mfaReady === false) await deps.store.sessions.markMfaReady(instance.id, session.id);
}
