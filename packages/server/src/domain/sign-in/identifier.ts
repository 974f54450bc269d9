/**
 * Finds the account an identifier names: an email address (contains `@`), a phone number
 * (starts with `+`, compared in E.164) when the instance enables phone sign-in, or, when the
 * instance enables usernames, a username. All are compared normalized. A phone number names
 * an account only through a verified number not reserved for second factor: a number kept
 * for MFA must not become a way in.
 */
import type { InstanceSettings } from '../../config/instance-settings.ts';
import { normalizeEmail } from '../policies/email-address.ts';
import { parsePhoneNumber } from '../policies/phone-number.ts';
import { normalizeUsername } from '../policies/username-policy.ts';
import type { Store } from '../store.ts';
import { signInPhoneNumbers } from '../users/sign-in-phone-number.ts';
import type { User } from '../users/user.ts';

/** A phone number identifier: usernames must hold a letter and emails an `@`, so a leading `+` is unambiguous. */
export const isPhoneIdentifier = (identifier: string | null): identifier is string =>
  identifier?.trim().startsWith('+') === true;

export const normalizeIdentifier = (identifier: string): string => {
  if (identifier.includes('@')) return normalizeEmail(identifier);
  // An unparsable number is kept as typed (trimmed): it then names no account.
  if (isPhoneIdentifier(identifier)) return parsePhoneNumber(identifier)?.e164 ?? identifier.trim();
  return normalizeUsername(identifier);
};

export async function findUserByIdentifier(
  store: Store,
  instanceId: string,
  settings: InstanceSettings,
  identifier: string,
): Promise<User | null> {
  if (identifier.includes('@')) return store.users.findByEmail(instanceId, identifier);
  if (isPhoneIdentifier(identifier)) {
    if (!settings.auth.phone_number.sign_in_with_code) return null;
    const userId = await store.phoneNumbers.claimedBy(instanceId, identifier);
    const user = userId === null ? null : await store.users.findById(instanceId, userId);
    return user && signInPhoneNumbers(user).some((p) => p.phoneNumber === identifier) ? user : null;
  }
  if (settings.auth.username.enabled) return store.users.findByUsername(instanceId, identifier);
  return null;
}
