/**
 * The email that tells an account's owner it just locked (template `account_locked`):
 * - sent once, by the failure that locked it, to the primary email address;
 * - sent in the background: the guesser's answer neither waits for the mail nor can time it,
 *   which matters in strict enumeration mode, where an unknown address locks with no mail;
 * - a mail that cannot be sent is logged by the mailer and changes nothing else.
 */
import type { Deps } from '../deps.ts';
import type { Instance } from '../instances/instance.ts';
import { primaryEmail, type User } from './user.ts';

export function sendLockoutNotice(
  deps: Pick<Deps, 'mailer' | 'clock'>,
  instance: Instance,
  user: User,
  lock: { failedAttempts: number; lockoutExpiresAt: number | null },
): void {
  const to = primaryEmail(user)?.emailAddress;
  if (!to) return;
  const now = deps.clock.now();
  void deps.mailer
    .send({
      instance,
      to,
      template: 'account_locked',
      variables: {
        first_name: user.firstName,
        failed_attempts: lock.failedAttempts,
        locked_at: new Date(now).toISOString(),
        unlocks_at: lock.lockoutExpiresAt === null ? null : new Date(lock.lockoutExpiresAt).toISOString(),
        unlocks_in_minutes:
          lock.lockoutExpiresAt === null ? null : Math.max(1, Math.ceil((lock.lockoutExpiresAt - now) / 60_000)),
      },
    })
    .catch(() => {
      // Already logged by the mailer (without the body); the lock stands either way.
    });
}
