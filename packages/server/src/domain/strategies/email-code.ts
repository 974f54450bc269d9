/**
 * The email-code first factor (passwordless), where `auth.email_address.sign_in_with_code` is on:
 * - prepare mails a one-time code (10 minutes, 3 tries per code, single use) to the address
 *   the sign-in names (the primary one for a username);
 * - attempt checks it (`first-factor-code.ts`: lockout, single use);
 * - strict enumeration mode, unknown address: prepare stores a code that is never sent, so
 *   the step looks the same, and every attempt fails as an incorrect code (then as spent).
 * Test addresses get the fixed code and no mail; a resend waits `code_resend_after_seconds`
 * (`verification/email-code.ts`).
 * Client Trust does not apply: the code itself proves control of the address.
 */
import { issueEmailCode } from '../verification/email-code.ts';
import { codeAddress } from './email-code-second-factor.ts';
import { attemptFirstFactorCode } from './first-factor-code.ts';
import type { FirstFactorStrategy } from './strategy.ts';

const PURPOSE = 'sign_in:first_factor:email_code';

export const emailCodeStrategy: FirstFactorStrategy = {
  id: 'email_code',
  // `null` is an unknown address, which only strict mode lets this far.
  isAvailable: (user, settings) =>
    settings.auth.email_address.sign_in_with_code && (user === null || user.emailAddresses.length > 0),
  async prepare(deps, ctx, signIn, user) {
    const to = user ? codeAddress(user, signIn.identifier) : null;
    const { code, expiresAt, fixed } = await issueEmailCode(
      deps,
      deps.store,
      ctx.instance,
      { instanceId: ctx.instance.id, subjectId: signIn.id, purpose: PURPOSE },
      to?.emailAddress ?? null,
    );
    if (to && !fixed)
      await deps.mailer.send({
        instance: ctx.instance,
        to: to.emailAddress,
        template: 'verification_code',
        variables: { code, expires_in_minutes: Math.round((expiresAt - deps.clock.now()) / 60000) },
      });
    return { strategy: 'email_code', status: 'unverified', attempts: 0, expireAt: expiresAt, verifiedAt: null };
  },
  attempt: (deps, ctx, user, input, signIn) =>
    attemptFirstFactorCode(deps, ctx, signIn, user, { strategy: 'email_code', purpose: PURPOSE }, input.code),
};
