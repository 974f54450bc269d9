/**
 * User lockout against brute force. Every failed first- or second-factor attempt (password,
 * one-time code; backup codes and TOTP call the same two functions) counts against the user,
 * whatever the client or IP. At `max_attempts` the account locks for `duration_seconds` (or
 * until an administrator unlocks it, when `permanent`); a success resets the count.
 *
 * The count lives in the users row and moves by one atomic UPDATE per failure, so it is exact
 * under concurrent guesses on one node or many nodes sharing the database. A request that
 * finds the account locked when it counts (another guess locked it meanwhile) answers
 * `user_locked` like one that found it locked at the start. The failure that locks the account
 * mails its owner (`lockout-notice.ts`), so the owner learns of it even where the answer to the
 * guesser hides it (strict enumeration mode hides nothing today; the notice matters either way).
 */
import { GatehouseError } from '@gatehouse/shared';
import type { InstanceSettings } from '../../config/instance-settings.ts';
import type { Deps } from '../deps.ts';
import type { Instance } from '../instances/instance.ts';
import { sendLockoutNotice } from './lockout-notice.ts';
import { isLocked, lockoutSecondsLeft, type User } from './user.ts';

type LockoutDeps = Pick<Deps, 'store' | 'clock'>;
export type LockoutPolicy = InstanceSettings['attack_protection']['user_lockout'];

/** The same answer for every lock: an account's, or (strict mode) an unknown identifier's. */
export const lockedError = (lockoutExpiresAt: number | null, now: number): GatehouseError => {
  const seconds = lockoutSecondsLeft({ locked: true, lockoutExpiresAt }, now);
  return new GatehouseError('user_locked', {
    longMessage:
      seconds === null
        ? 'This account is locked. Contact support to unlock it.'
        : `This account is locked after too many failed attempts. Try again in ${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''}.`,
    meta: { lockout_expires_in_seconds: seconds },
  });
};

/** Throws `user_locked` when the account is locked now (by the count or by an administrator). */
export function assertNotLocked(user: User, now: number): void {
  if (isLocked(user, now)) throw lockedError(user.lockoutExpiresAt, now);
}

/**
 * Counts a failed attempt. Throws `user_locked` when this failure reached the limit or the
 * account was already locked; otherwise returns, and the caller throws its own error
 * (wrong password, wrong code).
 */
export async function countFailedAttempt(
  deps: LockoutDeps & Pick<Deps, 'mailer'>,
  instance: Instance,
  user: User,
): Promise<void> {
  const policy = instance.settings.attack_protection.user_lockout;
  if (!policy.enabled) return;
  const now = deps.clock.now();
  const counted = await deps.store.users.countFailedAttemptIfUnlocked(user.instanceId, user.id, now, {
    maxAttempts: policy.max_attempts,
    lockoutExpiresAt: policy.permanent ? null : now + policy.duration_seconds * 1000,
  });
  if (counted === null) {
    const fresh = await deps.store.users.findById(user.instanceId, user.id);
    throw lockedError(fresh?.lockoutExpiresAt ?? null, now);
  }
  if (counted.locked) {
    sendLockoutNotice(deps, instance, user, {
      failedAttempts: counted.attempts,
      lockoutExpiresAt: counted.lockoutExpiresAt,
    });
    throw lockedError(counted.lockoutExpiresAt, now);
  }
}

/** Resets the count after a success; throws `user_locked` if concurrent failures locked the account first. */
export async function countSuccessfulAttempt(deps: LockoutDeps, settings: InstanceSettings, user: User): Promise<void> {
  if (!settings.attack_protection.user_lockout.enabled) return;
  const now = deps.clock.now();
  if (await deps.store.users.resetFailedAttemptsIfUnlocked(user.instanceId, user.id, now)) return;
  const fresh = await deps.store.users.findById(user.instanceId, user.id);
  throw lockedError(fresh?.lockoutExpiresAt ?? null, now);
}

/** Clerk's `verification_attempts_remaining`: failures left before a lock; null when lockout is off. */
export function attemptsRemaining(user: User, policy: LockoutPolicy, now: number): number | null {
  if (!policy.enabled) return null;
  if (isLocked(user, now)) return 0;
  // A lock whose time has passed: the next failure starts again at 1.
  const used = user.locked ? 0 : user.failedVerificationAttempts;
  return Math.max(0, policy.max_attempts - used);
}
