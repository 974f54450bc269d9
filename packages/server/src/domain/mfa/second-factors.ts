/**
 * Which second factors a user has, and what the instance asks of users without one.
 * A user has MFA ("two-step verification") with a verified TOTP, unused backup codes or a
 * verified phone number reserved for second factor, among the factors the instance allows.
 * When the instance requires MFA, a session of a user without any is pending (task
 * `setup-mfa`): it can enrol a factor and sign out, and mints no token until then.
 */
import type { InstanceSettings } from '../../config/instance-settings.ts';
import type { PhoneNumber, User } from '../users/user.ts';

export type SecondFactorId = 'totp' | 'backup_code' | 'phone_code';

/** Verified numbers reserved for second factor, the default one first. */
export const secondFactorPhones = (user: User): PhoneNumber[] =>
  (user.phoneNumbers ?? [])
    .filter((p) => p.verificationStatus === 'verified' && p.reservedForSecondFactor)
    .sort((a, b) => Number(b.defaultSecondFactor) - Number(a.defaultSecondFactor));

/** The user's second factors the instance allows, in the order they are offered. */
export function userSecondFactors(user: User, settings: InstanceSettings): SecondFactorId[] {
  const allowed = new Set(settings.auth.multi_factor.allowed);
  const out: SecondFactorId[] = [];
  if (user.totpEnabled && allowed.has('totp')) out.push('totp');
  if (secondFactorPhones(user).length > 0 && allowed.has('phone_code')) out.push('phone_code');
  if (user.backupCodeEnabled && allowed.has('backup_code')) out.push('backup_code');
  return out;
}

/** Clerk's `two_factor_enabled`: any second factor, whatever the instance allows now. */
export const twoFactorEnabled = (user: User): boolean =>
  user.totpEnabled === true || user.backupCodeEnabled === true || secondFactorPhones(user).length > 0;

/** The session task of a user who must enrol a second factor first; null when none. */
export const pendingMfaTask = (user: User, settings: InstanceSettings): 'setup-mfa' | null =>
  settings.auth.multi_factor.required && userSecondFactors(user, settings).length === 0 ? 'setup-mfa' : null;
