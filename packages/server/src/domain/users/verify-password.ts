/**
 * Checks a user's password for a server (Backend API `verify_password`, for custom flows and
 * step-up), by the rules of the password first factor (`strategies/password.ts`):
 * - a locked account is refused (`user_locked`) before any hashing;
 * - an account without a password is `form_password_not_set`;
 * - a wrong password counts toward the user's lockout (`lockout.ts`), a right one resets it.
 * Nothing is upgraded or recorded on success: this is a check, not a sign-in.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { Instance } from '../instances/instance.ts';
import { assertNotLocked, countFailedAttempt, countSuccessfulAttempt } from './lockout.ts';
import type { User } from './user.ts';

export async function verifyUserPassword(
  deps: Pick<Deps, 'store' | 'clock' | 'hasher' | 'mailer'>,
  instance: Instance,
  user: User,
  password: string,
): Promise<void> {
  assertNotLocked(user, deps.clock.now());
  if (user.passwordDigest === null)
    throw new GatehouseError('form_password_not_set', { meta: { param_name: 'password' } });
  if (!(await deps.hasher.verify(user.passwordDigest, password))) {
    await countFailedAttempt(deps, instance, user);
    throw new GatehouseError('form_password_incorrect', { meta: { param_name: 'password' } });
  }
  await countSuccessfulAttempt(deps, instance.settings, user);
}
