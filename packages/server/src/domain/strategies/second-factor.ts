/**
 * Second factors (MFA) behind one interface, as first factors are (`strategy.ts`). A strategy
 * lists how it appears in `supported_second_factors` for a user (empty: the user does not have
 * it), may send something first (`prepare`), and checks a code (`check`). The shared
 * `attemptSecondFactorCode` enforces, for every strategy alike: a locked account is refused
 * before the code is looked at; every failed code counts toward the lockout; a success resets it.
 *
 * Strategies run inside a flow they know only by `SecondFactorFlow`: a sign-in, or a session
 * reverifying itself (`sessions/session-verification.ts`). The flow's kind is part of every
 * code's purpose, so a code sent for one flow never verifies another.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { FlowContext } from '../flow-context.ts';
import type { SecondFactorId } from '../mfa/second-factors.ts';
import { assertNotLocked, countFailedAttempt, countSuccessfulAttempt } from '../users/lockout.ts';
import type { User } from '../users/user.ts';
import type { Verification } from '../verification/verification.ts';

export type SecondFactorDeps = Pick<
  Deps,
  'clock' | 'random' | 'store' | 'codeKey' | 'secretBox' | 'sms' | 'rateLimiter' | 'mailer'
>;

/** One entry of `supported_second_factors`. */
export interface SecondFactorView {
  strategy: string;
  safe_identifier?: string;
  phone_number_id?: string;
  default?: boolean;
}

/** What a strategy needs of the flow it runs in. */
export interface SecondFactorFlow {
  /** The flow's id: the subject of the codes it sends (a sign-in id, a session id). */
  id: string;
  instanceId: string;
  kind: 'sign_in' | 'session_verification';
  /** Whether `strategy` was prepared in this flow: a sent code is only tried after its prepare. */
  prepared(strategy: SecondFactorId): Promise<boolean>;
}

/** The purpose of the codes `strategy` sends in `flow`, e.g. `sign_in:second_factor:phone_code`. */
export const secondFactorCodePurpose = (flow: Pick<SecondFactorFlow, 'kind'>, strategy: SecondFactorId): string =>
  `${flow.kind}:second_factor:${strategy}`;

export interface SecondFactorPrepareInput {
  phone_number_id?: string;
}

export interface SecondFactorStrategy {
  id: SecondFactorId;
  /** How the factor is offered to this user; empty when the user does not have it. */
  views(user: User): SecondFactorView[];
  prepare?(
    deps: SecondFactorDeps,
    ctx: FlowContext,
    flow: SecondFactorFlow,
    user: User,
    input: SecondFactorPrepareInput,
  ): Promise<Verification>;
  /**
   * 'verified', or 'incorrect' for a wrong or used code (counted toward the lockout); throws for
   * a code that cannot be tried (expired, not prepared).
   */
  check(
    deps: SecondFactorDeps,
    ctx: FlowContext,
    flow: SecondFactorFlow,
    user: User,
    code: string,
  ): Promise<'verified' | 'incorrect'>;
}

export async function attemptSecondFactorCode(
  deps: SecondFactorDeps,
  ctx: FlowContext,
  flow: SecondFactorFlow,
  user: User,
  strategy: SecondFactorStrategy,
  code: string | undefined,
): Promise<Verification> {
  if (code === undefined || code.trim() === '')
    throw new GatehouseError('form_code_missing', { meta: { param_name: 'code' } });
  assertNotLocked(user, deps.clock.now());
  const outcome = await strategy.check(deps, ctx, flow, user, code.trim());
  if (outcome === 'incorrect') {
    await countFailedAttempt(deps, ctx.instance, user);
    throw new GatehouseError('form_code_incorrect', { meta: { param_name: 'code' } });
  }
  await countSuccessfulAttempt(deps, ctx.instance.settings, user);
  const now = deps.clock.now();
  return { strategy: strategy.id, status: 'verified', attempts: null, expireAt: null, verifiedAt: now };
}
