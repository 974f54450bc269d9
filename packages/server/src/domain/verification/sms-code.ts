/**
 * Sends a one-time code by text message: the phone_code strategy's `prepare`, shared by
 * profile verification and (next) sign-in first and second factors.
 *
 * In order, before anything is sent:
 * 1. the number's country must be in `sms.allowed_countries` (toll-fraud protection);
 * 2. resend throttle: one code per number per `sms.resend_after_seconds`;
 * 3. budgets: `sms.sends_per_number_per_hour` (any caller) and `sms.sends_per_ip_per_hour`
 *    (any number), counted in the shared rate limiter so every node draws from one budget.
 * Refusals are `too_many_requests` with `retry_after_seconds`. The code itself follows
 * `one-time-code.ts` (6 digits, 10 minutes, 3 attempts, single use). A development instance's
 * fictional test numbers get the fixed code and no message, under the same limits, so tests
 * exercise the same path as real numbers.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { Instance } from '../instances/instance.ts';
import { isSmsCountryAllowed, requirePhoneNumber } from '../policies/phone-number.ts';
import { fixedTestCode } from '../policies/test-identifiers.ts';
import type { RequestInfo } from '../ports.ts';
import { hashToken } from '../secrets.ts';
import { type CodeSubject, issueCode } from './one-time-code.ts';

export type SmsCodeDeps = Pick<Deps, 'store' | 'clock' | 'random' | 'codeKey' | 'sms' | 'rateLimiter'>;

const tooMany = (retryAfterMs: number) =>
  new GatehouseError('too_many_requests', {
    meta: { retry_after_seconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) },
  });

/** Throws `phone_number_country_not_allowed` unless codes may go to the number's country. */
export function assertSmsCountryAllowed(instance: Instance, e164: string): void {
  const { country } = requirePhoneNumber(e164);
  if (fixedTestCode(instance.environment, { kind: 'phone_number', value: e164 })) return;
  if (!isSmsCountryAllowed(instance.settings, country))
    throw new GatehouseError('phone_number_country_not_allowed', {
      longMessage: `Phone numbers from ${country} are not supported by this application.`,
      meta: { param_name: 'phone_number', country },
    });
}

async function chargeSendBudgets(
  deps: Pick<Deps, 'rateLimiter'>,
  instance: Instance,
  request: RequestInfo,
  e164: string,
) {
  const sms = instance.settings.sms;
  // Keys hold a hash of the number, never the number (Redis may be shared).
  const numberKey = `${instance.id}:${hashToken(e164)}`;
  const budgets: [string, string, { points: number; windowSeconds: number }][] = [
    ['sms_number_hour', numberKey, { points: sms.sends_per_number_per_hour, windowSeconds: 3600 }],
    ['sms_ip_hour', `${instance.id}:${request.ip}`, { points: sms.sends_per_ip_per_hour, windowSeconds: 3600 }],
  ];
  if (sms.resend_after_seconds > 0)
    budgets.unshift(['sms_resend', numberKey, { points: 1, windowSeconds: sms.resend_after_seconds }]);
  for (const [bucket, key, limit] of budgets) {
    const d = await deps.rateLimiter.consume(bucket, key, limit);
    if (!d.allowed) throw tooMany(d.retryAfterMs);
  }
}

/** Issues a code for `subject` and texts it to `e164` (see the file comment for the checks). */
export async function sendSmsCode(
  deps: SmsCodeDeps,
  instance: Instance,
  request: RequestInfo,
  subject: CodeSubject,
  e164: string,
  /**
   * `deliver: false`: every check and budget as for a real send, a code stored, nothing sent
   * (strict enumeration mode's unknown number, whose step must look like a real one).
   */
  opts: { deliver?: boolean } = {},
): Promise<{ expiresAt: number }> {
  assertSmsCountryAllowed(instance, e164);
  await chargeSendBudgets(deps, instance, request, e164);
  const fixedCode = fixedTestCode(instance.environment, { kind: 'phone_number', value: e164 });
  const { code, expiresAt } = await issueCode(deps, deps.store, subject, fixedCode ? { fixedCode } : {});
  if (!fixedCode && opts.deliver !== false)
    await deps.sms.send({
      instance,
      to: e164,
      template: 'verification_code',
      variables: { code, expires_in_minutes: Math.round((expiresAt - deps.clock.now()) / 60000) },
    });
  return { expiresAt };
}
