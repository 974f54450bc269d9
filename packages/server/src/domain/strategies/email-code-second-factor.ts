/**
 * The email-code second step of a sign-in: what Client Trust asks for after a right password
 * on a client the user never had a session on (and, later, an MFA factor among others).
 * - prepare mails a one-time code (`verification/one-time-code.ts`: 10 minutes, 3 tries per
 *   code, single use) to the address the user signed in with, or the primary one when they
 *   signed in with a username;
 * - attempt checks it; every wrong code also counts toward the user's lockout, a right one
 *   resets it, and a locked account is refused before the code is looked at.
 * The code is issued like the `email_code` first factor's (`verification/email-code.ts`): a
 * test address (`+gatehouse_test` on a development instance) gets the fixed code and no mail,
 * and a resend waits `code_resend_after_seconds`.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { FlowContext } from '../flow-context.ts';
import { maskEmail } from '../policies/email-address.ts';
import type { SignIn } from '../sign-in/sign-in.ts';
import { assertNotLocked, countFailedAttempt, countSuccessfulAttempt } from '../users/lockout.ts';
import { type EmailAddress, primaryEmail, type User } from '../users/user.ts';
import { issueEmailCode } from '../verification/email-code.ts';
import { assertCodeVerified, attemptCode } from '../verification/one-time-code.ts';
import type { Verification } from '../verification/verification.ts';

type EmailCodeDeps = Pick<Deps, 'clock' | 'random' | 'store' | 'mailer' | 'codeKey'>;

const PURPOSE = 'sign_in:second_factor:email_code';

export const EMAIL_CODE = 'email_code';

/** Where the code goes: the address the sign-in names, else the primary one. */
export const codeAddress = (user: User, identifier: string | null): EmailAddress | null =>
  user.emailAddresses.find((e) => e.emailAddress === identifier) ?? primaryEmail(user);

/** How the factor appears in `supported_second_factors`; null when the user has no address to send to. */
export function emailCodeFactor(user: User, identifier: string | null) {
  const email = codeAddress(user, identifier);
  if (!email) return null;
  return {
    strategy: EMAIL_CODE,
    safe_identifier: maskEmail(email.emailAddress),
    email_address_id: email.id,
    primary: email.id === user.primaryEmailAddressId,
  };
}

export async function prepareEmailCode(
  deps: EmailCodeDeps,
  ctx: FlowContext,
  signIn: SignIn,
  user: User,
): Promise<Verification> {
  const email = codeAddress(user, signIn.identifier);
  if (!email) throw new GatehouseError('strategy_for_user_invalid', { meta: { param_name: 'strategy' } });
  const { code, expiresAt, fixed } = await issueEmailCode(
    deps,
    deps.store,
    ctx.instance,
    { instanceId: ctx.instance.id, subjectId: signIn.id, purpose: PURPOSE },
    email.emailAddress,
  );
  if (!fixed)
    await deps.mailer.send({
      instance: ctx.instance,
      to: email.emailAddress,
      template: 'verification_code',
      variables: { code, expires_in_minutes: Math.round((expiresAt - deps.clock.now()) / 60000) },
    });
  return { strategy: EMAIL_CODE, status: 'unverified', attempts: 0, expireAt: expiresAt, verifiedAt: null };
}

export async function attemptEmailCode(
  deps: EmailCodeDeps,
  ctx: FlowContext,
  signIn: SignIn,
  user: User,
  code: string | undefined,
): Promise<Verification> {
  if (code === undefined || code === '')
    throw new GatehouseError('form_code_missing', { meta: { param_name: 'code' } });
  const prepared = signIn.secondFactorVerification;
  if (prepared?.strategy !== EMAIL_CODE) throw new GatehouseError('verification_not_prepared');
  assertNotLocked(user, deps.clock.now());
  const result = await attemptCode(
    deps,
    deps.store,
    { instanceId: ctx.instance.id, subjectId: signIn.id, purpose: PURPOSE },
    code,
  );
  if (result.outcome === 'incorrect') await countFailedAttempt(deps, ctx.instance, user);
  assertCodeVerified(result);
  await countSuccessfulAttempt(deps, ctx.instance.settings, user);
  return { ...prepared, status: 'verified', attempts: null, verifiedAt: deps.clock.now() };
}
