/**
 * Strict enumeration mode: an identifier that names no account locks exactly as an account
 * would, so ten wrong guesses tell an attacker nothing about whether the address is taken.
 * - Failures on it (a password, a sign-in code) count per identifier, from any client or IP,
 *   under the instance's lockout policy (`max_attempts`, `duration_seconds`, `permanent`).
 * - A lock is checked before any hashing and answers `user_locked` with the same
 *   `lockout_expires_in_seconds`; the failure that reaches the limit answers `user_locked`
 *   after the (dummy) hash, as `lockout.ts` does for an account.
 * - The count moves by one atomic upsert, so concurrent guesses count exactly, as for accounts.
 * - The identifier is stored only as an HMAC under the deployment's code key, with the instance.
 * An account's count never expires until a success resets it; this one is kept 30 days after
 * its last failure (or as long as its lock, or forever when the lock is permanent).
 */
import type { InstanceSettings } from '../../config/instance-settings.ts';
import type { Deps } from '../deps.ts';
import { hmacCode } from '../secrets.ts';
import { lockedError } from './lockout.ts';
import { isLocked } from './user.ts';

const KEEP_UNLOCKED_MS = 30 * 24 * 3600 * 1000;

type IdentifierLockoutDeps = Pick<Deps, 'store' | 'clock' | 'codeKey'>;

const identifierHash = (deps: Pick<Deps, 'codeKey'>, instanceId: string, identifier: string) =>
  hmacCode(deps.codeKey, `identifier_lockout:${instanceId}`, identifier);

/** Throws `user_locked` when failures on this unknown identifier locked it (as `assertNotLocked` for an account). */
export async function assertUnknownIdentifierNotLocked(
  deps: IdentifierLockoutDeps,
  settings: InstanceSettings,
  instanceId: string,
  identifier: string,
): Promise<void> {
  if (!settings.attack_protection.user_lockout.enabled) return;
  const now = deps.clock.now();
  const state = await deps.store.identifierLockouts.find(instanceId, identifierHash(deps, instanceId, identifier));
  if (state && isLocked(state, now)) throw lockedError(state.lockoutExpiresAt, now);
}

/** Counts a failure on an unknown identifier; throws `user_locked` when it reached the limit (as `countFailedAttempt`). */
export async function countUnknownIdentifierFailure(
  deps: IdentifierLockoutDeps,
  settings: InstanceSettings,
  instanceId: string,
  identifier: string,
): Promise<void> {
  const policy = settings.attack_protection.user_lockout;
  if (!policy.enabled) return;
  const now = deps.clock.now();
  const lockoutExpiresAt = policy.permanent ? null : now + policy.duration_seconds * 1000;
  const counted = await deps.store.identifierLockouts.countFailedAttemptIfUnlocked(
    instanceId,
    identifierHash(deps, instanceId, identifier),
    now,
    {
      maxAttempts: policy.max_attempts,
      lockoutExpiresAt,
      keepUntil: Math.max(now + KEEP_UNLOCKED_MS, lockoutExpiresAt ?? 0),
    },
  );
  if (counted === null) {
    const state = await deps.store.identifierLockouts.find(instanceId, identifierHash(deps, instanceId, identifier));
    throw lockedError(state?.lockoutExpiresAt ?? null, now);
  }
  if (counted.locked) throw lockedError(counted.lockoutExpiresAt, now);
}
