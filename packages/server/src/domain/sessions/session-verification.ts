/**
 * Reverification of a signed-in session (Clerk's session verification):
 *   verify(level) → needs_first_factor | needs_second_factor | complete
 *   prepare_first_factor(email_code) mails a code to the primary address
 *   attempt_first_factor(password | email_code) → sets the session's firstFactorVerifiedAt
 *   prepare_second_factor(phone_code) texts a code to a number reserved for second factor
 *   attempt_second_factor(totp | phone_code | backup_code) → sets the session's secondFactorVerifiedAt
 * After it the next session token carries fva 0 for that factor and the guarded call passes.
 *
 * Which factors a level needs on this session mirrors the shared rule: `first_factor` the first;
 * `second_factor` the second when the session has one, else the first; `multi_factor` both
 * (first, then second). A factor counts as done when it was verified within the last minute
 * (fva 0, the granularity of the claim). Failed attempts count toward the user's lockout like
 * sign-in attempts.
 *
 * The second factors are the sign-in's strategies (`strategies/second-factors.ts`), run in a
 * `session_verification` flow: same lockout counting, single-use codes and TOTP replay refusal,
 * with codes of their own purpose. The flow persists nothing but the codes it sends, so a code
 * strategy counts as prepared while its code is open.
 */
import { GatehouseError, type ReverificationLevel } from '@gatehouse/shared';
import type { InstanceSettings } from '../../config/instance-settings.ts';
import type { Deps } from '../deps.ts';
import type { FlowContext } from '../flow-context.ts';
import type { Instance } from '../instances/instance.ts';
import { maskEmail } from '../policies/email-address.ts';
import {
  attemptSecondFactorCode,
  type SecondFactorDeps,
  type SecondFactorFlow,
  type SecondFactorView,
  secondFactorCodePurpose,
} from '../strategies/second-factor.ts';
import { mfaFactorViews, userSecondFactor } from '../strategies/second-factors.ts';
import { assertNotLocked, countFailedAttempt, countSuccessfulAttempt } from '../users/lockout.ts';
import { primaryEmail, type User } from '../users/user.ts';
import { assertCodeVerified, attemptCode, issueCode } from '../verification/one-time-code.ts';
import type { Verification } from '../verification/verification.ts';
import { assertSessionUsable } from './mint-session-token.ts';
import { factorVerificationAge, type Session } from './session.ts';

export type SessionVerificationStatus = 'needs_first_factor' | 'needs_second_factor' | 'complete';

export interface SessionVerificationFactor {
  strategy: string;
  safe_identifier?: string;
  email_address_id?: string;
  primary?: boolean;
}

export interface SessionVerification {
  level: ReverificationLevel;
  status: SessionVerificationStatus;
  session: Session;
  supportedFirstFactors: SessionVerificationFactor[];
  supportedSecondFactors: SecondFactorView[];
  firstFactorVerification: Verification | null;
  secondFactorVerification: Verification | null;
}

type VerifyDeps = Pick<Deps, 'store' | 'clock' | 'random' | 'codeKey' | 'mailer' | 'hasher'>;

const EMAIL_CODE_PURPOSE = 'session_verification:first_factor:email_code';

/** A verified address to mail codes to: the primary one, when verified. */
function codeAddress(user: User) {
  const email = primaryEmail(user);
  return email?.verificationStatus === 'verified' ? email : null;
}

export function supportedFirstFactors(user: User): SessionVerificationFactor[] {
  const factors: SessionVerificationFactor[] = [];
  if (user.passwordDigest !== null) factors.push({ strategy: 'password' });
  const email = codeAddress(user);
  if (email)
    factors.push({
      strategy: 'email_code',
      safe_identifier: maskEmail(email.emailAddress),
      email_address_id: email.id,
      primary: true,
    });
  return factors;
}

/** The factors `level` needs on this session, in the order they are asked for. */
function neededFactors(level: ReverificationLevel, session: Session): ('first' | 'second')[] {
  if (level === 'first_factor') return ['first'];
  if (level === 'second_factor') return [session.secondFactorVerifiedAt === null ? 'first' : 'second'];
  return ['first', 'second'];
}

export function verificationStatus(
  level: ReverificationLevel,
  session: Session,
  now: number,
): SessionVerificationStatus {
  const [first, second] = factorVerificationAge(session, now);
  for (const factor of neededFactors(level, session)) {
    if (factor === 'first' && first !== 0) return 'needs_first_factor';
    if (factor === 'second' && second !== 0) return 'needs_second_factor';
  }
  return 'complete';
}

function view(
  level: ReverificationLevel,
  session: Session,
  user: User,
  settings: InstanceSettings,
  now: number,
  verifications: { first?: Verification; second?: Verification } = {},
): SessionVerification {
  return {
    level,
    status: verificationStatus(level, session, now),
    session,
    supportedFirstFactors: supportedFirstFactors(user),
    supportedSecondFactors: mfaFactorViews(user, settings),
    firstFactorVerification: verifications.first ?? null,
    secondFactorVerification: verifications.second ?? null,
  };
}

/** `POST /v1/client/sessions/{id}/verify`: records the level and tells what is needed. */
export async function startVerification(
  deps: Pick<Deps, 'store' | 'clock'>,
  instance: Instance,
  session: Session,
  user: User,
  level: ReverificationLevel,
): Promise<SessionVerification> {
  await assertSessionUsable(deps, instance, session);
  const now = deps.clock.now();
  await deps.store.sessions.startVerification(instance.id, session.id, level, now);
  return view(level, session, user, instance.settings, now);
}

async function startedLevel(deps: Pick<Deps, 'store'>, session: Session): Promise<ReverificationLevel> {
  const level = await deps.store.sessions.findVerificationLevel(session.instanceId, session.id);
  if (level === null) throw new GatehouseError('session_verification_not_started');
  return level;
}

export async function prepareFirstFactorVerification(
  deps: VerifyDeps,
  instance: Instance,
  session: Session,
  user: User,
  input: { strategy: string },
): Promise<SessionVerification> {
  await assertSessionUsable(deps, instance, session);
  const level = await startedLevel(deps, session);
  if (input.strategy !== 'email_code')
    throw new GatehouseError('strategy_not_allowed', { meta: { param_name: 'strategy', strategy: input.strategy } });
  const email = codeAddress(user);
  if (!email) throw new GatehouseError('strategy_for_user_invalid', { meta: { param_name: 'strategy' } });
  const { code, expiresAt } = await issueCode(deps, deps.store, {
    instanceId: instance.id,
    subjectId: session.id,
    purpose: EMAIL_CODE_PURPOSE,
  });
  const now = deps.clock.now();
  await deps.mailer.send({
    instance,
    to: email.emailAddress,
    template: 'verification_code',
    variables: { code, expires_in_minutes: Math.round((expiresAt - now) / 60000) },
  });
  return view(level, session, user, instance.settings, now, {
    first: { strategy: 'email_code', status: 'unverified', attempts: 0, expireAt: expiresAt, verifiedAt: null },
  });
}

/** Checks the password or code; a failure counts toward the lockout, a success refreshes the first factor. */
export async function attemptFirstFactorVerification(
  deps: VerifyDeps,
  instance: Instance,
  session: Session,
  user: User,
  input: { strategy: string; password?: string; code?: string },
): Promise<SessionVerification> {
  await assertSessionUsable(deps, instance, session);
  const level = await startedLevel(deps, session);
  const now = deps.clock.now();
  assertNotLocked(user, now);
  const settings = instance.settings;
  if (input.strategy === 'password') {
    if (!input.password)
      throw new GatehouseError('form_param_missing', {
        longMessage: 'Enter your password.',
        meta: { param_name: 'password' },
      });
    if (user.passwordDigest === null)
      throw new GatehouseError('strategy_for_user_invalid', { meta: { param_name: 'strategy' } });
    if (!(await deps.hasher.verify(user.passwordDigest, input.password))) {
      await countFailedAttempt(deps, instance, user);
      throw new GatehouseError('form_password_incorrect', { meta: { param_name: 'password' } });
    }
  } else if (input.strategy === 'email_code') {
    if (!input.code) throw new GatehouseError('form_code_missing', { meta: { param_name: 'code' } });
    const result = await attemptCode(
      deps,
      deps.store,
      { instanceId: instance.id, subjectId: session.id, purpose: EMAIL_CODE_PURPOSE },
      input.code,
    );
    if (result.outcome === 'incorrect') await countFailedAttempt(deps, instance, user);
    assertCodeVerified(result);
  } else {
    throw new GatehouseError('strategy_not_allowed', { meta: { param_name: 'strategy', strategy: input.strategy } });
  }
  await countSuccessfulAttempt(deps, settings, user);
  await deps.store.sessions.markFactorVerified(instance.id, session.id, 'first', now);
  const verified: Verification = {
    strategy: input.strategy,
    status: 'verified',
    attempts: null,
    expireAt: null,
    verifiedAt: now,
  };
  return view(level, { ...session, firstFactorVerifiedAt: now, updatedAt: now }, user, settings, now, {
    first: verified,
  });
}

/** The session as the flow MFA strategies run in; a code strategy is prepared while its code is open. */
const secondFactorFlow = (deps: Pick<Deps, 'store'>, session: Session): SecondFactorFlow => {
  const flow: SecondFactorFlow = {
    id: session.id,
    instanceId: session.instanceId,
    kind: 'session_verification',
    prepared: async (strategy) =>
      (await deps.store.codes.findLatestOpen(
        session.instanceId,
        session.id,
        secondFactorCodePurpose(flow, strategy),
      )) !== null,
  };
  return flow;
};

/** Sends the code of a second factor that has one to send (`phone_code`: an SMS). */
export async function prepareSecondFactorVerification(
  deps: SecondFactorDeps,
  ctx: FlowContext,
  session: Session,
  user: User,
  input: { strategy: string; phone_number_id?: string },
): Promise<SessionVerification> {
  await assertSessionUsable(deps, ctx.instance, session);
  const level = await startedLevel(deps, session);
  const strategy = userSecondFactor(input.strategy, user, ctx.instance.settings);
  if (!strategy.prepare) throw new GatehouseError('strategy_for_user_invalid', { meta: { param_name: 'strategy' } });
  const prepared = await strategy.prepare(deps, ctx, secondFactorFlow(deps, session), user, input);
  return view(level, session, user, ctx.instance.settings, deps.clock.now(), { second: prepared });
}

/** Checks a second-factor code (lockout, single use, replay as in sign-in); a success refreshes the second factor. */
export async function attemptSecondFactorVerification(
  deps: SecondFactorDeps,
  ctx: FlowContext,
  session: Session,
  user: User,
  input: { strategy: string; code?: string },
): Promise<SessionVerification> {
  await assertSessionUsable(deps, ctx.instance, session);
  const level = await startedLevel(deps, session);
  const strategy = userSecondFactor(input.strategy, user, ctx.instance.settings);
  const verified = await attemptSecondFactorCode(
    deps,
    ctx,
    secondFactorFlow(deps, session),
    user,
    strategy,
    input.code,
  );
  const now = deps.clock.now();
  await deps.store.sessions.markFactorVerified(ctx.instance.id, session.id, 'second', now);
  return view(level, { ...session, secondFactorVerifiedAt: now, updatedAt: now }, user, ctx.instance.settings, now, {
    second: verified,
  });
}
