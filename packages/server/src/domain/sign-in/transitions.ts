/**
 * Sign-in transitions, named after the Frontend API verbs. Each one loads nothing it is not
 * given, computes the next status with `nextSignInStep`, and saves with a version check, so
 * two concurrent requests on one sign-in cannot both move it (the loser gets `flow_conflict`).
 * Completing a sign-in saves it, creates the session and rotates the client token in one
 * transaction.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { FlowContext } from '../flow-context.ts';
import { activateSession, assertCanAddSession } from '../sessions/activate-session.ts';
import { firstFactor } from '../strategies/first-factors.ts';
import type { FactorAttemptInput } from '../strategies/strategy.ts';
import type { User } from '../users/user.ts';
import { findUserByIdentifier, normalizeIdentifier } from './identifier.ts';
import { nextSignInStep } from './next-step.ts';
import { SIGN_IN_LIFETIME_MS, type SignIn } from './sign-in.ts';

type SignInDeps = Pick<Deps, 'clock' | 'random' | 'store' | 'hasher'>;

export interface CreateSignInInput {
  identifier?: string;
  password?: string;
  strategy?: string;
}

const facts = (_user: User | null) => ({ userHasSecondFactor: false });

/** Loads a sign-in of this client that can still take a step. */
export async function loadSignIn(deps: Pick<Deps, 'store' | 'clock'>, ctx: FlowContext, id: string): Promise<SignIn> {
  const client = ctx.client.current;
  const signIn = client ? await deps.store.signIns.findById(ctx.instance.id, id) : null;
  if (!signIn || signIn.clientId !== client?.id) throw new GatehouseError('sign_in_not_found');
  return signIn;
}

const assertCanStep = (signIn: SignIn, now: number, expected: SignIn['status']) => {
  if (signIn.status === 'abandoned' || signIn.expiresAt <= now) throw new GatehouseError('sign_in_expired');
  if (signIn.status !== expected)
    throw new GatehouseError('sign_in_invalid_status', { meta: { status: signIn.status, expected } });
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
  const signIn: SignIn = { ...draft, status: nextSignInStep(draft, facts(user)).status };
  await deps.store.transaction(async (store) => {
    await store.signIns.create(signIn);
    await ctx.client.update(store, { signInId: signIn.id });
  });

  if (input.password !== undefined && identifier !== null)
    return attemptFirstFactor(deps, ctx, signIn, { strategy: input.strategy ?? 'password', password: input.password });
  return signIn;
}

export async function attemptFirstFactor(
  deps: SignInDeps,
  ctx: FlowContext,
  signIn: SignIn,
  input: FactorAttemptInput & { strategy: string },
): Promise<SignIn> {
  assertCanStep(signIn, deps.clock.now(), 'needs_first_factor');
  const strategy = firstFactor(input.strategy);
  const user = signIn.userId === null ? null : await deps.store.users.findById(ctx.instance.id, signIn.userId);
  if (!strategy.isAvailable(user, ctx.instance.settings))
    throw new GatehouseError('strategy_for_user_invalid', { meta: { param_name: 'strategy' } });
  const verification = await strategy.attempt(deps, ctx, user, input);
  return advance(deps, ctx, { ...signIn, firstFactorVerification: verification }, user, strategy.id);
}

/** Saves the sign-in at its next status; on `complete`, creates the session in the same transaction. */
async function advance(
  deps: SignInDeps,
  ctx: FlowContext,
  signIn: SignIn,
  user: User | null,
  method: string,
): Promise<SignIn> {
  const status = nextSignInStep(signIn, facts(user)).status;
  return deps.store.transaction(async (store) => {
    const now = deps.clock.now();
    if (status !== 'complete' || user === null) {
      const next = { ...signIn, status };
      if (!(await store.signIns.saveIfVersion(next, now))) throw new GatehouseError('flow_conflict');
      return { ...next, version: next.version + 1 };
    }
    const next: SignIn = { ...signIn, status, createdSessionId: deps.random.id('sess') };
    if (!(await store.signIns.saveIfVersion(next, now))) throw new GatehouseError('flow_conflict');
    await activateSession(deps, store, ctx, {
      id: next.createdSessionId!,
      userId: user.id,
      method,
      firstFactorVerifiedAt: next.firstFactorVerification?.verifiedAt ?? now,
      secondFactorVerifiedAt: next.secondFactorVerification?.verifiedAt ?? null,
    });
    return { ...next, version: next.version + 1 };
  });
}
