/**
 * The attempt of a first factor proven by a one-time code (`email_code`, `phone_code`), the
 * same for every channel the code went through:
 * - the sign-in must have been prepared for this strategy;
 * - a locked account is refused before the code is looked at; a wrong code counts toward the
 *   user's lockout, a right one resets it;
 * - the code follows `verification/one-time-code.ts` (10 minutes, 3 tries, single use);
 * - strict enumeration mode, unknown identifier: nobody received the code, so every attempt
 *   fails as an incorrect code (then as spent), even a lucky guess; the failures lock the
 *   identifier as they would lock an account (`users/unknown-identifier-lockout.ts`).
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { FlowContext } from '../flow-context.ts';
import type { SignIn } from '../sign-in/sign-in.ts';
import { assertNotLocked, countFailedAttempt, countSuccessfulAttempt } from '../users/lockout.ts';
import {
  assertUnknownIdentifierNotLocked,
  countUnknownIdentifierFailure,
} from '../users/unknown-identifier-lockout.ts';
import type { User } from '../users/user.ts';
import { assertCodeVerified, attemptCode } from '../verification/one-time-code.ts';
import type { Verification } from '../verification/verification.ts';

export async function attemptFirstFactorCode(
  deps: Pick<Deps, 'clock' | 'store' | 'codeKey' | 'mailer'>,
  ctx: FlowContext,
  signIn: SignIn,
  user: User | null,
  factor: { strategy: string; purpose: string },
  code: string | undefined,
): Promise<Verification> {
  if (code === undefined || code === '')
    throw new GatehouseError('form_code_missing', { meta: { param_name: 'code' } });
  if (signIn.firstFactorVerification?.strategy !== factor.strategy)
    throw new GatehouseError('verification_not_prepared');
  const now = deps.clock.now();
  const { settings, id: instanceId } = ctx.instance;
  if (user) assertNotLocked(user, now);
  else if (signIn.identifier) await assertUnknownIdentifierNotLocked(deps, settings, instanceId, signIn.identifier);
  const result = await attemptCode(
    deps,
    deps.store,
    { instanceId: ctx.instance.id, subjectId: signIn.id, purpose: factor.purpose },
    code,
  );
  if (user === null) {
    // What an account's wrong code would count: a code tried, not one already spent or expired.
    const counted = result.outcome === 'verified' || result.outcome === 'incorrect';
    if (counted && signIn.identifier)
      await countUnknownIdentifierFailure(deps, settings, instanceId, signIn.identifier);
    assertCodeVerified(result.outcome === 'verified' ? { outcome: 'incorrect', attempts: 1, attemptsLeft: 0 } : result);
    throw new GatehouseError('form_code_incorrect', { meta: { param_name: 'code' } });
  }
  if (result.outcome === 'incorrect') await countFailedAttempt(deps, ctx.instance, user);
  assertCodeVerified(result);
  await countSuccessfulAttempt(deps, settings, user);
  if (user.banned) throw new GatehouseError('user_banned');
  return { strategy: factor.strategy, status: 'verified', attempts: null, expireAt: null, verifiedAt: now };
}
