/**
 * Sign-up transitions: create, update, prepare_verification, attempt_verification.
 * Field rules live in `fields.ts`, requirements in `requirements.ts`; a sign-up completes as
 * soon as nothing is missing or unverified, in one transaction that creates the user, its
 * verified email address and its session and rotates the client token. Two sign-ups racing
 * for one address end with one user: the unique index decides, the loser gets
 * `form_identifier_exists` and nothing half-written.
 */
import { GatehouseError, isOAuthStrategy } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import { accountFromIdentity } from '../external-accounts/accounts.ts';
import type { ExternalIdentity } from '../external-accounts/external-account.ts';
import type { FlowContext } from '../flow-context.ts';
import { activateSession, assertCanAddSession } from '../sessions/activate-session.ts';
import { type Metadata, newUserRecord, type User } from '../users/user.ts';
import { issueEmailCode } from '../verification/email-code.ts';
import { assertCodeVerified, attemptCode } from '../verification/one-time-code.ts';
import { applySignUpFields, hidesTakenEmail, type SignUpFieldsInput } from './fields.ts';
import { signUpRequirements } from './requirements.ts';
import { SIGN_UP_LIFETIME_MS, type SignUp } from './sign-up.ts';
import { fillFromExternalIdentity, startSocialSignUp, transferableSignInIdentity } from './social.ts';

type SignUpDeps = Pick<
  Deps,
  | 'clock'
  | 'geo'
  | 'random'
  | 'store'
  | 'hasher'
  | 'mailer'
  | 'codeKey'
  | 'pwnedPasswords'
  | 'botChallenge'
  | 'disposableDomains'
  | 'oauth'
  | 'secretBox'
>;

export interface CreateSignUpInput extends SignUpFieldsInput {
  captcha_token?: string;
  /** `oauth_*`: sign up with a provider; `redirect_url` is where the browser comes back. */
  strategy?: string;
  redirect_url?: string;
  action_complete_redirect_url?: string;
  /** Take over the provider account the client's sign-in found no user for. */
  transfer?: boolean;
}

const EMAIL_PURPOSE = 'sign_up:email_address';

export async function loadSignUp(deps: Pick<Deps, 'store'>, ctx: FlowContext, id: string): Promise<SignUp> {
  const client = ctx.client.current;
  const signUp = client ? await deps.store.signUps.findById(ctx.instance.id, id) : null;
  if (!signUp || signUp.clientId !== client?.id) throw new GatehouseError('sign_up_not_found');
  return signUp;
}

const assertOpen = (signUp: SignUp, now: number) => {
  if (signUp.status === 'abandoned' || signUp.expiresAt <= now) throw new GatehouseError('sign_up_expired');
  if (signUp.status === 'complete')
    throw new GatehouseError('sign_up_invalid_status', { meta: { status: signUp.status } });
};

export async function createSignUp(deps: SignUpDeps, ctx: FlowContext, input: CreateSignUpInput): Promise<SignUp> {
  if (ctx.instance.settings.sign_up.mode !== 'public') throw new GatehouseError('sign_up_disabled');
  const social = input.strategy !== undefined;
  if (social && !isOAuthStrategy(input.strategy!))
    throw new GatehouseError('strategy_not_allowed', { meta: { param_name: 'strategy', strategy: input.strategy } });
  if (social) deps.oauth.assertAvailable(ctx.instance, input.strategy!);
  // Before any work: a transfer names an identity this client's sign-in holds, or is refused.
  const transferred = input.transfer ? await transferableSignInIdentity(deps, ctx) : null;
  await assertCanAddSession(deps.store, ctx);
  // Before any field work: a bot without a solved challenge costs no hashing. Off by default.
  await deps.botChallenge.redeem(ctx.instance, input.captcha_token, ctx.request.ip);
  const now = deps.clock.now();
  const empty: SignUp = {
    id: deps.random.id('sua'),
    instanceId: ctx.instance.id,
    clientId: '',
    status: 'missing_requirements',
    emailAddress: null,
    username: null,
    firstName: null,
    lastName: null,
    passwordDigest: null,
    unsafeMetadata: {},
    emailVerification: null,
    createdUserId: null,
    createdSessionId: null,
    expiresAt: now + SIGN_UP_LIFETIME_MS,
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
  const filled = await applySignUpFields(deps, ctx, empty, input);
  const client = await ctx.client.ensure();
  let signUp: SignUp = { ...filled, clientId: client.id, status: 'missing_requirements' };
  if (social) signUp = await startSocialSignUp(deps, ctx, signUp, { ...input, strategy: input.strategy! });
  if (transferred) signUp = await fillFromExternalIdentity(deps, ctx, signUp, transferred);
  await deps.store.transaction(async (store) => {
    await store.signUps.create(signUp);
    await ctx.client.update(store, { signUpId: signUp.id });
  });
  return completeIfReady(deps, ctx, signUp);
}

/** The provider called back for this sign-up: fill it from the provider account, complete it if ready. */
export async function takeExternalIdentityForSignUp(
  deps: SignUpDeps,
  ctx: FlowContext,
  signUp: SignUp,
  identity: ExternalIdentity,
): Promise<SignUp> {
  assertOpen(signUp, deps.clock.now());
  return completeIfReady(deps, ctx, await fillFromExternalIdentity(deps, ctx, signUp, identity), true);
}

export async function updateSignUp(
  deps: SignUpDeps,
  ctx: FlowContext,
  signUp: SignUp,
  input: SignUpFieldsInput,
): Promise<SignUp> {
  assertOpen(signUp, deps.clock.now());
  const next = await applySignUpFields(deps, ctx, signUp, input);
  return completeIfReady(deps, ctx, next, true);
}

export async function prepareSignUpVerification(
  deps: SignUpDeps,
  ctx: FlowContext,
  signUp: SignUp,
  input: { strategy: string },
): Promise<SignUp> {
  assertOpen(signUp, deps.clock.now());
  if (input.strategy !== 'email_code')
    throw new GatehouseError('strategy_not_allowed', { meta: { param_name: 'strategy', strategy: input.strategy } });
  if (signUp.emailAddress === null)
    throw new GatehouseError('form_param_missing', {
      longMessage: 'Add an email address before asking for a code.',
      meta: { param_name: 'email_address' },
    });
  if (signUp.emailVerification?.status === 'verified') throw new GatehouseError('verification_already_verified');
  const { code, expiresAt, fixed } = await issueEmailCode(
    deps,
    deps.store,
    ctx.instance,
    { instanceId: ctx.instance.id, subjectId: signUp.id, purpose: EMAIL_PURPOSE },
    signUp.emailAddress,
  );
  // Strict enumeration mode, taken address: the response is the same as for a new one, the
  // code is stored but never sent (any attempt fails as incorrect), and the owner is told.
  const taken =
    hidesTakenEmail(ctx.instance.settings) &&
    (await deps.store.users.emailExists(ctx.instance.id, signUp.emailAddress));
  // A test address (development instance) gets the fixed code and no mail at all.
  if (!fixed)
    await deps.mailer.send(
      taken
        ? { instance: ctx.instance, to: signUp.emailAddress, template: 'sign_up_email_taken', variables: {} }
        : {
            instance: ctx.instance,
            to: signUp.emailAddress,
            template: 'verification_code',
            variables: { code, expires_in_minutes: Math.round((expiresAt - deps.clock.now()) / 60000) },
          },
    );
  const next: SignUp = {
    ...signUp,
    emailVerification: {
      strategy: 'email_code',
      status: 'unverified',
      attempts: 0,
      expireAt: expiresAt,
      verifiedAt: null,
    },
  };
  if (!(await deps.store.signUps.saveIfVersion(next, deps.clock.now()))) throw new GatehouseError('flow_conflict');
  return { ...next, version: next.version + 1 };
}

export async function attemptSignUpVerification(
  deps: SignUpDeps,
  ctx: FlowContext,
  signUp: SignUp,
  input: { strategy: string; code: string },
): Promise<SignUp> {
  const now = deps.clock.now();
  assertOpen(signUp, now);
  if (input.strategy !== 'email_code')
    throw new GatehouseError('strategy_not_allowed', { meta: { param_name: 'strategy', strategy: input.strategy } });
  if (signUp.emailVerification?.status === 'verified') throw new GatehouseError('verification_already_verified');
  if (signUp.emailVerification?.strategy !== 'email_code') throw new GatehouseError('verification_not_prepared');
  const result = await attemptCode(
    deps,
    deps.store,
    {
      instanceId: ctx.instance.id,
      subjectId: signUp.id,
      purpose: EMAIL_PURPOSE,
    },
    input.code,
  );
  const verification = signUp.emailVerification;
  assertCodeVerified(result);
  const next: SignUp = {
    ...signUp,
    emailVerification: { ...verification, status: 'verified', attempts: null, verifiedAt: now },
  };
  return completeIfReady(deps, ctx, next, true);
}

/** Persists the sign-up; when its requirements are met, creates the user and session with it. */
async function completeIfReady(deps: SignUpDeps, ctx: FlowContext, signUp: SignUp, save = false): Promise<SignUp> {
  const { status } = signUpRequirements(signUp, ctx.instance.settings);
  if (status !== 'complete') {
    if (!save) return signUp;
    if (!(await deps.store.signUps.saveIfVersion(signUp, deps.clock.now()))) throw new GatehouseError('flow_conflict');
    return { ...signUp, version: signUp.version + 1 };
  }
  const now = deps.clock.now();
  const user = newUser(deps, ctx, signUp, now);
  const external = signUp.externalAccountVerification;
  const account =
    external?.status === 'verified' && external.externalIdentity
      ? await accountFromIdentity(deps, ctx.instance.id, user.id, external.externalIdentity, now)
      : null;
  return deps.store.transaction(async (store) => {
    const next: SignUp = {
      ...signUp,
      status: 'complete',
      createdUserId: user.id,
      createdSessionId: deps.random.id('sess'),
    };
    if (!(await store.signUps.saveIfVersion(next, now))) throw new GatehouseError('flow_conflict');
    await store.users.create(user);
    if (account) await store.externalAccounts.create(account);
    await activateSession(deps, store, ctx, {
      id: next.createdSessionId!,
      userId: user.id,
      method: account?.provider ?? signUp.emailVerification?.strategy ?? 'password',
      origin: 'sign_up',
      firstFactorVerifiedAt: now,
      secondFactorVerifiedAt: null,
    });
    return { ...next, version: next.version + 1 };
  });
}

function newUser(deps: Pick<Deps, 'random'>, ctx: FlowContext, s: SignUp, now: number): User {
  const userId = deps.random.id('user');
  const emailId = deps.random.id('idn');
  const verified = s.emailVerification?.status === 'verified';
  return newUserRecord(
    {
      id: userId,
      instanceId: ctx.instance.id,
      username: s.username,
      firstName: s.firstName,
      lastName: s.lastName,
      passwordDigest: s.passwordDigest,
      unsafeMetadata: s.unsafeMetadata as Metadata,
      emailAddresses: s.emailAddress
        ? [
            {
              id: emailId,
              userId,
              emailAddress: s.emailAddress,
              verificationStatus: verified ? 'verified' : 'unverified',
              verificationStrategy: s.emailVerification?.strategy ?? null,
              verifiedAt: verified ? (s.emailVerification?.verifiedAt ?? now) : null,
              // Unverified only when the instance does not verify at sign-up: then it is still
              // the address this account signs in with, and no other account may take it.
              claimed: true,
              createdAt: now,
              updatedAt: now,
            },
          ]
        : [],
    },
    now,
  );
}
