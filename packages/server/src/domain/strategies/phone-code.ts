/**
 * The `phone_code` first factor (SMS sign-in), where `auth.phone_number.sign_in_with_code` is on:
 * - offered for a user with a verified number not reserved for second factor
 *   (`users/sign-in-phone-number.ts`); in strict enumeration mode only to a sign-in started
 *   with a phone number, since offering it after an email address would tell that the account
 *   exists and has a number;
 * - prepare texts a one-time code to the number the sign-in names (or `phone_number_id`, or the
 *   primary one) through `verification/sms-code.ts`: country allowlist, resend throttle,
 *   per-number and per-IP budgets, the fixed code for fictional test numbers on development
 *   instances;
 * - attempt is `first-factor-code.ts` (10 minutes, 3 tries, single use, counted toward lockout);
 * - strict mode, unknown number: prepare runs every check and stores a code that is never
 *   sent, and every attempt fails as an incorrect code, as `email_code` does.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { InstanceSettings } from '../../config/instance-settings.ts';
import { maskPhoneNumber } from '../policies/phone-number.ts';
import { isPhoneIdentifier } from '../sign-in/identifier.ts';
import type { SignIn } from '../sign-in/sign-in.ts';
import { signInPhoneNumber, signInPhoneNumbers } from '../users/sign-in-phone-number.ts';
import type { User } from '../users/user.ts';
import { sendSmsCode } from '../verification/sms-code.ts';
import { attemptFirstFactorCode } from './first-factor-code.ts';
import type { FirstFactorStrategy } from './strategy.ts';

export const PHONE_CODE = 'phone_code';
const PURPOSE = 'sign_in:first_factor:phone_code';

const strict = (settings: InstanceSettings) => settings.attack_protection.user_enumeration.mode === 'strict';

/**
 * How the factor appears in `supported_first_factors`. For an unknown number (strict mode) the
 * number typed, masked as a real one; strict mode shows no `phone_number_id` or `primary` for
 * anyone, since an unknown number has neither.
 */
export function phoneCodeFactorView(user: User | null, signIn: Pick<SignIn, 'identifier'>, settings: InstanceSettings) {
  const phone = user ? signInPhoneNumber(user, signIn.identifier) : null;
  const e164 = phone?.phoneNumber ?? signIn.identifier ?? '';
  const view = { strategy: PHONE_CODE, safe_identifier: maskPhoneNumber(e164) };
  if (strict(settings) || !phone || !user) return view;
  return { ...view, phone_number_id: phone.id, primary: phone.id === user.primaryPhoneNumberId };
}

export const phoneCodeStrategy: FirstFactorStrategy = {
  id: PHONE_CODE,
  isAvailable(user, settings, identifier) {
    if (!settings.auth.phone_number.sign_in_with_code) return false;
    // `null` is an unknown number, which only strict mode lets this far.
    if (user === null) return isPhoneIdentifier(identifier ?? null);
    if (strict(settings) && !isPhoneIdentifier(identifier ?? null)) return false;
    return signInPhoneNumbers(user).length > 0;
  },
  async prepare(deps, ctx, signIn, user, input) {
    const subject = { instanceId: ctx.instance.id, subjectId: signIn.id, purpose: PURPOSE };
    let to: string;
    if (user) {
      const phone =
        input?.phoneNumberId === undefined
          ? signInPhoneNumber(user, signIn.identifier)
          : (signInPhoneNumbers(user).find((p) => p.id === input.phoneNumberId) ?? null);
      if (!phone) throw new GatehouseError('strategy_for_user_invalid', { meta: { param_name: 'phone_number_id' } });
      to = phone.phoneNumber;
    } else {
      if (signIn.identifier === null) throw new GatehouseError('strategy_for_user_invalid');
      to = signIn.identifier;
    }
    const { expiresAt } = await sendSmsCode(deps, ctx.instance, ctx.request, subject, to, { deliver: user !== null });
    return { strategy: PHONE_CODE, status: 'unverified', attempts: 0, expireAt: expiresAt, verifiedAt: null };
  },
  attempt: (deps, ctx, user, input, signIn) =>
    attemptFirstFactorCode(deps, ctx, signIn, user, { strategy: PHONE_CODE, purpose: PURPOSE }, input.code),
};
