/**
 * Which of a user's phone numbers can sign them in (`phone_code` first factor): verified ones
 * not reserved for second factor. A number reserved for MFA stays a second step only, or a
 * stolen SIM would be both factors at once.
 */
import type { PhoneNumber, User } from './user.ts';

export const signInPhoneNumbers = (user: User): PhoneNumber[] =>
  (user.phoneNumbers ?? []).filter((p) => p.verificationStatus === 'verified' && !p.reservedForSecondFactor);

/**
 * The number a sign-in texts: the one its identifier names, else the primary one, else the
 * oldest usable one; null when the user has none.
 */
export function signInPhoneNumber(user: User, identifier: string | null): PhoneNumber | null {
  const phones = signInPhoneNumbers(user);
  return (
    phones.find((p) => p.phoneNumber === identifier) ??
    phones.find((p) => p.id === user.primaryPhoneNumberId) ??
    phones[0] ??
    null
  );
}
