/**
 * Everything a new password goes through before it is hashed: the instance's pure rules
 * (`password-policy.ts`, which include the bundled breached list), the zxcvbn estimate (asked
 * of the hasher port, which computes it off the event loop), then, where the instance enables
 * it, the HaveIBeenPwned range check. A range check that gets no answer accepts the
 * password (fail open): an outage of a third-party service must not stop sign-ups and resets,
 * and the bundled list still refused the most common breached passwords.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { InstanceSettings } from '../../config/instance-settings.ts';
import type { Deps } from '../deps.ts';
import { assertStrongEnough, checkPasswordRules, isCommonBreachedPassword } from './password-policy.ts';

export async function screenNewPassword(
  deps: Pick<Deps, 'pwnedPasswords' | 'hasher'>,
  settings: InstanceSettings,
  password: string,
  opts: { paramName?: string; userInputs?: (string | null | undefined)[] } = {},
): Promise<void> {
  const paramName = opts.paramName ?? 'password';
  const userInputs = (opts.userInputs ?? []).filter((v): v is string => typeof v === 'string' && v !== '');
  const rules = settings.auth.password;
  checkPasswordRules(password, rules, paramName);
  if ((rules.min_zxcvbn_score ?? 0) > 0)
    assertStrongEnough(await deps.hasher.estimateStrength(password, userInputs), rules, paramName);
  if (await isPwnedOnline(deps, settings, password))
    throw new GatehouseError('form_password_pwned', { meta: { param_name: paramName } });
}

/**
 * At sign-in, where the instance enforces it: whether a correct password is on the bundled
 * breached list or (when enabled) found by the range check, so its owner must replace it.
 */
export async function isSignInPasswordCompromised(
  deps: Pick<Deps, 'pwnedPasswords'>,
  settings: InstanceSettings,
  password: string,
): Promise<boolean> {
  if (!settings.attack_protection.pwned_passwords.enforce_on_sign_in) return false;
  return isCommonBreachedPassword(password) || (await isPwnedOnline(deps, settings, password));
}

/** The range check alone (false when off or unanswered); also used at sign-in. */
export async function isPwnedOnline(
  deps: Pick<Deps, 'pwnedPasswords'>,
  settings: InstanceSettings,
  password: string,
): Promise<boolean> {
  const pwned = settings.attack_protection.pwned_passwords;
  if (!pwned.enabled) return false;
  return (
    (await deps.pwnedPasswords.isPwned(password, { apiBaseUrl: pwned.api_base_url, timeoutMs: pwned.timeout_ms })) ===
    true
  );
}
