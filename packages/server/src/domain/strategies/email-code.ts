/**
 * The email-code first factor (passwordless), where `auth.email_address.sign_in_with_code` is on:
 * - prepare mails a one-time code (10 minutes, 3 tries per code, single use) to the address
 *   the sign-in names (the primary one for a username);
 * - attempt checks it; a wrong code counts toward the user's lockout, a right one resets it,
 *   a locked account is refused before the code is looked at;
 * - strict enumeration mode, unknown address: prepare stores a code that is never sent, so
 *   the step looks the same, and every attempt fails as an incorrect code (then as spent).
 * Test addresses get the fixed code and no mail; a resend waits `code_resend_after_seconds`
 * (`verification/email-code.ts`).
 * Client Trust does not apply: the code itself proves control of the address.
 */
import { GatehouseError } from '@gatehouse/shared';
import { assertNotLocked, countFailedAttempt, countSuccessfulAttempt } from '../users/lockout.ts';
import { issueEmailCode } from '../verification/email-code.ts';
import { assertCodeVerified, attemptCode } from '../verification/one-time-code.ts';
import { codeAddress } from './email-code-second-factor.ts';
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
  async attempt(deps, ctx, user, input, signIn) {
    if (input.code === undefined || input.code === '')
      throw new GatehouseError('form_code_missing', { meta: { param_name: 'code' } });
    if (signIn.firstFactorVerification?.strategy !== 'email_code')
      throw new GatehouseError('verification_not_prepared');
    const now = deps.clock.now();
    if (user) assertNotLocked(user, now);
    const result = await attemptCode(
      deps,
      deps.store,
      { instanceId: ctx.instance.id, subjectId: signIn.id, purpose: PURPOSE },
      input.code,
    );
    if (user === null) {
      // Nobody received this code; a lucky guess still proves nothing about an account.
      assertCodeVerified(
        result.outcome === 'verified' ? { outcome: 'incorrect', attempts: 1, attemptsLeft: 0 } : result,
      );
      throw new GatehouseError('form_code_incorrect', { meta: { param_name: 'code' } });
    }
    if (result.outcome === 'incorrect') await countFailedAttempt(deps, ctx.instance.settings, user);
    assertCodeVerified(result);
    await countSuccessfulAttempt(deps, ctx.instance.settings, user);
    if (user.banned) throw new GatehouseError('user_banned');
    return { strategy: 'email_code', status: 'verified', attempts: null, expireAt: null, verifiedAt: now };
  },
};
