/**
 * Test identifiers: on development instances, identifiers that accept the fixed code
 * `424242` and are sent nothing, so tests and demos need no mailbox or phone (Clerk's rule):
 * - phone numbers in the fictional range +1 (XXX) 555-0100 to 555-0199 (NANP reserves it);
 * - email addresses whose local part holds `+gatehouse_test` (`ann+gatehouse_test@example.com`).
 * Production instances have no test identifiers: there, every code is random and sent.
 * Pure: the callers issue the fixed code through the normal one-time-code path, so the rules
 * of that path (10 minutes, 3 attempts, single use) hold for test identifiers too.
 */
import type { Environment } from '../instances/instance.ts';

export const FIXED_TEST_CODE = '424242';

const FICTIONAL_PHONE = /^\+1[2-9]\d{2}55501\d{2}$/;
const TEST_EMAIL = /^[^@]*\+gatehouse_test(?:[+@])/;

/** Whether `e164` is in the fictional +1 XXX 555-0100..0199 range. */
export const isFictionalPhoneNumber = (e164: string): boolean => FICTIONAL_PHONE.test(e164);

export const isTestEmailAddress = (email: string): boolean => TEST_EMAIL.test(email.toLowerCase());

/**
 * The fixed code the identifier accepts on this instance, or null when a real code must be
 * sent. `kind` names what the identifier is, so an address can never pass for a phone number.
 */
export function fixedTestCode(
  environment: Environment,
  identifier: { kind: 'phone_number' | 'email_address'; value: string },
): string | null {
  if (environment !== 'development') return null;
  const test =
    identifier.kind === 'phone_number'
      ? isFictionalPhoneNumber(identifier.value)
      : isTestEmailAddress(identifier.value);
  return test ? FIXED_TEST_CODE : null;
}
