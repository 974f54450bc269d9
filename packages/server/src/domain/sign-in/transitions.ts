/**
 * Sign-in transitions, named after the Frontend API verbs. Each one loads nothing it is not
 * given, computes the next status with `nextSignInStep`, and saves with a version check, so
 * two concurrent requests on one sign-in cannot both move it (the loser gets `flow_conflict`).
 * Completing a sign-in saves it, creates the session and rotates the client token in one
 * transaction.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import { linkPendingExternalAccount } from '../external-accounts/link-pending.ts';
import type { FlowContext } from '../flow-context.ts';
import { userSecondFactors } from '../mfa/second-factors.ts';
import { isSignInPasswordCompromised } from '../policies/password-screen.ts';
import { parsePhoneNumber } from '../policies/phone-number.ts';
import { activateSession, assertCanAddSession } from '../sessions/activate-session.ts';
import { isUnrecognizedDevice, sendNewDeviceAlert } from '../sessions/new-device-alert.ts';
import type { Session } from '../sessions/session.ts';
import {
  attemptEmailCode,
  EMAIL_CODE,
  emailCodeFactor,
  prepareEmailCode,
} from '../strategies/email-code-second-factor.ts';
import { firstFactor, isFirstFactorOffered } from '../strategies/first-factors.ts';
import {
  attemptSecondFactorCode,
  type SecondFactorDeps as MfaDeps,
  type SecondFactorFlow,
} from '../strategies/second-factor.ts';
import { SECOND_FACTORS, userSecondFactor } from '../strategies/second-factors.ts';
import type { FactorAttemptInput, FirstFactorStrategy } from '../strategies/strategy.ts';
import { primaryEmail, type User } from '../users/user.ts';
import type { Verification } from '../verification/verification.ts';
import { findUserByIdentifier, isPhoneIdentifier, normalizeIdentifier } from './identifier.ts';
import { nextSignInStep } from './next-step.ts';
import { SIGN_IN_LIFETIME_MS, type SignIn } from './sign-in.ts';

export type SignInDeps = Pick<
  Deps,
  | 'clock'
  | 'geo'
  | 'random'
  | 'store'
  | 'hasher'
  | 'pwnedPasswords'
  | 'mailer'
  | 'codeKey'
  | 'sms'
  | 'rateLimiter'
  | 'oauth'
  | 'secretBox'
>;
type SecondFactorDeps = SignInDeps & MfaDeps;

export interface CreateSignInInput {
  identifier?: string;
  password?: string;
  strategy?: string;
}

/** The user has MFA (TOTP, backup codes, an SMS number reserved for it) the instance allows. */
const userHasSecondFactor = (user: User | null, ctx: FlowContext) =>
  user !== null && userSecondFactors(user, ctx.instance.settings).length > 0;

/**
 * Client Trust: a password alone does not sign a user in on a client where they never had a
 * session (the cookie jar of a credential-stuffing bot is always fresh). Passwordless first
 * factors and users with a second factor are not asked; nor are users with no address to
 * send a code to.
 */
async function isClientUntrusted(deps: Pick<Deps, 'store'>, ctx: FlowContext, signIn: SignIn, user: User | null) {
  if (user === null || !ctx.instance.settings.attack_protection.client_trust.enabled) return false;
  if (signIn.firstFactorVerification?.strategy !== 'password' || userHasSecondFactor(user, ctx)) return false;
  if (emailCodeFactor(user, signIn.identifier) === null) return false;
  return !(await deps.store.sessions.existsForClientAndUser(ctx.instance.id, signIn.clientId, user.id));
}

async function facts(deps: Pick<Deps, 'store'>, ctx: FlowContext, signIn: SignIn, user: User | null) {
  return {
    userHasSecondFactor: userHasSecondFactor(user, ctx),
    clientUntrusted: await isClientUntrusted(deps, ctx, signIn, user),
    passwordCompromised: signIn.firstFactorVerification?.passwordCompromised === true,
  };
}

/** Loads a sign-in of this client that can still take a step. */
export async function loadSignIn(deps: Pick<Deps, 'store' | 'clock'>, ctx: FlowContext, id: string): Promise<SignIn> {
  const client = ctx.client.current;
  const signIn = client ? await deps.store.signIns.findById(ctx.instance.id, id) : null;
  if (!signIn || signIn.clientId !== client?.id) throw new GatehouseError('sign_in_not_found');
  return signIn;
}

const assertCanStep = (signIn: SignIn, now: number, ...expected: SignIn['status'][]) => {
  if (signIn.status === 'abandoned' || signIn.expiresAt <= now) throw new GatehouseError('sign_in_expired');
  if (!expected.includes(signIn.status))
    throw new GatehouseError('sign_in_invalid_status', { meta: { status: signIn.status, expected: expected[0] } });
};

export async function createSignIn(deps: SignInDeps, ctx: FlowContext, input: CreateSignInInput): Promise<SignIn> {
  if (input.strategy !== undefined) firstFactor(input.strategy);
  await assertCanAddSession(deps.store, ctx);
  const { instance } = ctx;
  const identifier = input.identifier === undefined ? null : normalizeIdentifier(input.identifier);
  if (identifier === '')
    throw new GatehouseError('form_param_missing', {
      longMessage: 'Enter your email address.',
      meta: { param_name: 'identifier' },
    });
  if (
    isPhoneIdentifier(identifier) &&
    instance.settings.auth.phone_number.sign_in_with_code &&
    !parsePhoneNumber(identifier)
  )
    throw new GatehouseError('form_param_format_invalid', {
      longMessage: 'Enter the phone number in international format, e.g. +14155550123.',
      meta: { param_name: 'identifier' },
    });
  const user =
    identifier === null ? null : await findUserByIdentifier(deps.store, instance.id, instance.settings, identifier);
  if (identifier !== null && user === null && instance.settings.attack_protection.user_enumeration.mode !== 'strict') {
    // Same cost as checking a real password, so timing does not tell what the message does not.
    if (input.password) await deps.hasher.verifyDummy(input.password);
    throw new GatehouseError('form_identifier_not_found', { meta: { param_name: 'identifier' } });
  }

  const client = await ctx.client.ensure();
  const now = deps.clock.now();
  const draft: SignIn = {
    id: deps.random.id('sia'),
    instanceId: instance.id,
    clientId: client.id,
    status: 'needs_identifier',
    identifier,
    userId: user?.id ?? null,
    firstFactorVerification: null,
    secondFactorVerification: null,
    createdSessionId: null,
    expiresAt: now + SIGN_IN_LIFETIME_MS,
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
  const signIn: SignIn = { ...draft, status: nextSignInStep(draft, await facts(deps, ctx, draft, user)).status };
  await deps.store.transaction(async (store) => {
    await store.signIns.create(signIn);
    await ctx.client.update(store, { signInId: signIn.id });
  });

  if (input.password !== undefined && identifier !== null)
    return attemptFirstFactor(deps, ctx, signIn, { strategy: input.strategy ?? 'password', password: input.password });
  return signIn;
}

/** Sends the code of a first factor that needs one (`email_code`, `phone_code`); a password needs no prepare. */
export async function prepareFirstFactor(
  deps: SignInDeps,
  ctx: FlowContext,
  signIn: SignIn,
  input: { strategy: string; redirect_url?: string; phone_number_id?: string },
): Promise<SignIn> {
  const strategy = firstFactor(input.strategy);
  assertCanStep(signIn, deps.clock.now(), ...firstFactorSteps(strategy));
  const user = signIn.userId === null ? null : await deps.store.users.findById(ctx.instance.id, signIn.userId);
  if (!strategy.prepare || !isFirstFactorOffered(strategy, signIn, user, ctx.instance.settings))
    throw new GatehouseError('strategy_for_user_invalid', { meta: { param_name: 'strategy' } });
  const next: SignIn = {
    ...signIn,
    firstFactorVerification: await strategy.prepare(deps, ctx, signIn, user, {
      redirectUrl: input.redirect_url,
      phoneNumberId: input.phone_number_id,
    }),
  };
  if (!(await deps.store.signIns.saveIfVersion(next, deps.clock.now()))) throw new GatehouseError('flow_conflict');
  return { ...next, version: next.version + 1 };
}

export async function attemptFirstFactor(
  deps: SignInDeps,
  ctx: FlowContext,
  signIn: SignIn,
  input: FactorAttemptInput & { strategy: string },
): Promise<SignIn> {
  const strategy = firstFactor(input.strategy);
  assertCanStep(signIn, deps.clock.now(), ...firstFactorSteps(strategy));
  const user = signIn.userId === null ? null : await deps.store.users.findById(ctx.instance.id, signIn.userId);
  if (!isFirstFactorOffered(strategy, signIn, user, ctx.instance.settings))
    throw new GatehouseError('strategy_for_user_invalid', { meta: { param_name: 'strategy' } });
  const verification = await strategy.attempt(deps, ctx, user, input, signIn);
  if (signIn.pendingExternalAccount && user) {
    // The code proved the address: the provider account links, and the sign-in is a social one.
    const provider = signIn.pendingExternalAccount.provider;
    await linkPendingExternalAccount(deps, ctx, signIn, user);
    const linked = await signInUser(deps, ctx, signIn);
    return advance(
      deps,
      ctx,
      { ...signIn, pendingExternalAccount: null, firstFactorVerification: { ...verification, strategy: provider } },
      linked,
      provider,
    );
  }
  if (strategy.id === 'password' && input.password !== undefined)
    if (await isSignInPasswordCompromised(deps, ctx.instance.settings, input.password))
      verification.passwordCompromised = true;
  if (user === null && verification.identifiedUserId !== undefined)
    return identifyAndAdvance(deps, ctx, signIn, verification, strategy.id);
  return advance(deps, ctx, { ...signIn, firstFactorVerification: verification }, user, strategy.id);
}

/** Where a first factor may be tried: after the identifier, or before it for one that names the account itself. */
const firstFactorSteps = (strategy: FirstFactorStrategy): SignIn['status'][] =>
  strategy.identifiesUser ? ['needs_first_factor', 'needs_identifier'] : ['needs_first_factor'];

/** A discoverable passkey named the account: the sign-in takes it on (its primary address as identifier). */
async function identifyAndAdvance(
  deps: SignInDeps,
  ctx: FlowContext,
  signIn: SignIn,
  verification: Verification,
  method: string,
): Promise<SignIn> {
  const { identifiedUserId, ...verified } = verification;
  const user = identifiedUserId ? await deps.store.users.findById(ctx.instance.id, identifiedUserId) : null;
  if (!user) throw new GatehouseError('sign_in_not_found');
  const identifier = primaryEmail(user)?.emailAddress ?? user.username ?? user.id;
  return advance(
    deps,
    ctx,
    { ...signIn, identifier, userId: user.id, firstFactorVerification: verified },
    user,
    method,
  );
}

export interface SecondFactorInput {
  strategy: string;
  code?: string;
  /** `phone_code`: which second-factor number to text (default: the user's default one). */
  phone_number_id?: string;
}

/** The user a sign-in past its first factor belongs to (always known by then). */
async function signInUser(deps: Pick<Deps, 'store'>, ctx: FlowContext, signIn: SignIn): Promise<User> {
  const user = signIn.userId === null ? null : await deps.store.users.findById(ctx.instance.id, signIn.userId);
  if (!user) throw new GatehouseError('sign_in_not_found');
  return user;
}

const assertEmailCode = (strategy: string) => {
  if (strategy !== EMAIL_CODE)
    throw new GatehouseError('strategy_not_allowed', { meta: { param_name: 'strategy', strategy } });
};

/** An MFA strategy the instance allows and the user has; typed errors otherwise. */
const mfaStrategyFor = (ctx: FlowContext, user: User, id: string) => userSecondFactor(id, user, ctx.instance.settings);

/** The sign-in as the flow MFA strategies run in: a code is tried after its prepare. */
const mfaFlow = (signIn: SignIn): SecondFactorFlow => ({
  id: signIn.id,
  instanceId: signIn.instanceId,
  kind: 'sign_in',
  prepared: async (strategy) => signIn.secondFactorVerification?.strategy === strategy,
});

/** Sends the code of the second step: Client Trust's email code, or an MFA factor's (SMS). */
export async function prepareSecondFactor(
  deps: SecondFactorDeps,
  ctx: FlowContext,
  signIn: SignIn,
  input: SecondFactorInput,
): Promise<SignIn> {
  assertCanStep(signIn, deps.clock.now(), 'needs_client_trust', 'needs_second_factor');
  const user = await signInUser(deps, ctx, signIn);
  let verification: Verification;
  if (signIn.status === 'needs_second_factor') {
    // MFA: one of the user's second factors; those with nothing to send need no prepare.
    const strategy = mfaStrategyFor(ctx, user, input.strategy);
    if (!strategy.prepare) throw new GatehouseError('strategy_for_user_invalid', { meta: { param_name: 'strategy' } });
    verification = await strategy.prepare(deps, ctx, mfaFlow(signIn), user, input);
  } else {
    assertEmailCode(input.strategy);
    verification = await prepareEmailCode(deps, ctx, signIn, user);
  }
  const next: SignIn = { ...signIn, secondFactorVerification: verification };
  if (!(await deps.store.signIns.saveIfVersion(next, deps.clock.now()))) throw new GatehouseError('flow_conflict');
  return { ...next, version: next.version + 1 };
}

export async function attemptSecondFactor(
  deps: SecondFactorDeps,
  ctx: FlowContext,
  signIn: SignIn,
  input: SecondFactorInput,
): Promise<SignIn> {
  assertCanStep(signIn, deps.clock.now(), 'needs_client_trust', 'needs_second_factor');
  const user = await signInUser(deps, ctx, signIn);
  let verification: Verification;
  if (signIn.status === 'needs_second_factor') {
    const strategy = mfaStrategyFor(ctx, user, input.strategy);
    verification = await attemptSecondFactorCode(deps, ctx, mfaFlow(signIn), user, strategy, input.code);
  } else {
    assertEmailCode(input.strategy);
    verification = await attemptEmailCode(deps, ctx, signIn, user, input.code);
  }
  const method = signIn.firstFactorVerification?.strategy ?? 'password';
  return advance(deps, ctx, { ...signIn, secondFactorVerification: verification }, user, method);
}

/**
 * When the sign-in passed a second factor (MFA), for the session's `fva`. Client Trust's email
 * code is not one: it vouches for the device, and a user without MFA has no second factor.
 */
const mfaVerifiedAt = (signIn: SignIn): number | null => {
  const v = signIn.secondFactorVerification;
  return v && SECOND_FACTORS.some((f) => f.id === v.strategy) ? v.verifiedAt : null;
};

/** Saves the sign-in at its next status; on `complete`, creates the session in the same transaction. */
export async function advance(
  deps: SignInDeps,
  ctx: FlowContext,
  signIn: SignIn,
  user: User | null,
  method: string,
): Promise<SignIn> {
  const status = nextSignInStep(signIn, await facts(deps, ctx, signIn, user)).status;
  let alertFor = null as Session | null;
  const saved = await deps.store.transaction(async (store) => {
    const now = deps.clock.now();
    if (status !== 'complete' || user === null) {
      const next = { ...signIn, status };
      if (!(await store.signIns.saveIfVersion(next, now))) throw new GatehouseError('flow_conflict');
      return { ...next, version: next.version + 1 };
    }
    const next: SignIn = { ...signIn, status, createdSessionId: deps.random.id('sess') };
    if (!(await store.signIns.saveIfVersion(next, now))) throw new GatehouseError('flow_conflict');
    const unrecognized = await isUnrecognizedDevice(store, ctx, user.id);
    const session = await activateSession(deps, store, ctx, {
      id: next.createdSessionId!,
      userId: user.id,
      method,
      origin: 'sign_in',
      firstFactorVerifiedAt: next.firstFactorVerification?.verifiedAt ?? now,
      secondFactorVerifiedAt: mfaVerifiedAt(next),
    });
    if (unrecognized) alertFor = session;
    return { ...next, version: next.version + 1 };
  });
  // After the commit: the alert's link must name a session that exists.
  if (alertFor && user) await sendNewDeviceAlert(deps, ctx, user, alertFor);
  return saved;
}
