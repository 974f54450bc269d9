/**
 * The `phone_code` second factor: an SMS code to one of the user's verified numbers reserved
 * for second factor (the default one unless `phone_number_id` names another). Sending follows
 * `verification/sms-code.ts` (country allowlist, resend throttle, per-number and per-IP
 * budgets; fixed code for fictional test numbers on development instances); the code follows
 * `verification/one-time-code.ts` (10 minutes, 3 tries, single use).
 */
import { GatehouseError } from '@gatehouse/shared';
import { secondFactorPhones } from '../mfa/second-factors.ts';
import { maskPhoneNumber } from '../policies/phone-number.ts';
import type { User } from '../users/user.ts';
import { assertCodeVerified, attemptCode, type CodeSubject } from '../verification/one-time-code.ts';
import { sendSmsCode } from '../verification/sms-code.ts';
import { type SecondFactorFlow, type SecondFactorStrategy, secondFactorCodePurpose } from './second-factor.ts';

const subject = (flow: SecondFactorFlow): CodeSubject => ({
  instanceId: flow.instanceId,
  subjectId: flow.id,
  purpose: secondFactorCodePurpose(flow, 'phone_code'),
});

function phoneFor(user: User, id: string | undefined) {
  const phones = secondFactorPhones(user);
  const phone = id === undefined ? phones[0] : phones.find((p) => p.id === id);
  if (!phone) throw new GatehouseError('strategy_for_user_invalid', { meta: { param_name: 'phone_number_id' } });
  return phone;
}

export const phoneCodeSecondFactor: SecondFactorStrategy = {
  id: 'phone_code',
  views: (user) =>
    secondFactorPhones(user).map((p) => ({
      strategy: 'phone_code',
      safe_identifier: maskPhoneNumber(p.phoneNumber),
      phone_number_id: p.id,
      default: p.defaultSecondFactor,
    })),
  async prepare(deps, ctx, flow, user, input) {
    const phone = phoneFor(user, input.phone_number_id);
    const { expiresAt } = await sendSmsCode(deps, ctx.instance, ctx.request, subject(flow), phone.phoneNumber);
    return { strategy: 'phone_code', status: 'unverified', attempts: 0, expireAt: expiresAt, verifiedAt: null };
  },
  async check(deps, _ctx, flow, _user, code) {
    if (!(await flow.prepared('phone_code'))) throw new GatehouseError('verification_not_prepared');
    const result = await attemptCode(deps, deps.store, subject(flow), code);
    if (result.outcome === 'incorrect') return 'incorrect';
    assertCodeVerified(result);
    return 'verified';
  },
};
