/**
 * Social sign-in on the sign-in object: starting it (`strategy=oauth_*`), taking a provider
 * account from the callback or from a sign-up transfer, and linking a pending provider account
 * once the email code proved the address. Which of these happens is `decideLink`'s named rule.
 */
import { GatehouseError, isOAuthStrategy } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import { accountFromIdentity, refreshAccount } from '../external-accounts/accounts.ts';
import type { ExternalIdentity } from '../external-accounts/external-account.ts';
import { decideLink } from '../external-accounts/linking.ts';
import { type OAuthFlowDeps, startOAuth } from '../external-accounts/oauth-flow.ts';
import type { FlowContext } from '../flow-context.ts';
import { assertCanAddSession } from '../sessions/activate-session.ts';
import type { Store } from '../store.ts';
import { assertNotLocked } from '../users/lockout.ts';
import { primaryEmail, type User } from '../users/user.ts';
import { SIGN_IN_LIFETIME_MS, type SignIn } from './sign-in.ts';
import { advance, type CreateSignInInput, createSignIn, type SignInDeps } from './transitions.ts';

export type SocialSignInDeps = SignInDeps & OAuthFlowDeps & Pick<Deps, 'secretBox'>;

/** A new sign-in of this client, with no identifier yet (the provider will name the account). */
async function newSignIn(deps: SocialSignInDeps, ctx: FlowContext): Promise<SignIn> {
  const client = await ctx.client.ensure();
  const now = deps.clock.now();
  return {
    id: deps.random.id('sia'),
    instanceId: ctx.instance.id,
    clientId: client.id,
    status: 'needs_identifier',
    identifier: null,
    userId: null,
    firstFactorVerification: null,
    secondFactorVerification: null,
    createdSessionId: null,
    pendingExternalAccount: null,
    expiresAt: now + SIGN_IN_LIFETIME_MS,
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
}

async function saveNew(deps: Pick<Deps, 'store'>, ctx: FlowContext, signIn: SignIn) {
  await deps.store.transaction(async (store) => {
    await store.signIns.create(signIn);
    await ctx.client.update(store, { signInId: signIn.id });
  });
}

export interface StartSignInInput extends CreateSignInInput {
  /** `oauth_*`: where the browser comes back after the provider. */
  redirect_url?: string;
  action_complete_redirect_url?: string;
  /** Take over the provider account the client's sign-up found to belong to someone. */
  transfer?: boolean;
}

/** `POST /v1/client/sign_ins`: a social sign-in, a transfer from a sign-up, or any other strategy. */
export async function startSignIn(deps: SocialSignInDeps, ctx: FlowContext, input: StartSignInInput): Promise<SignIn> {
  if (input.transfer) {
    await assertCanAddSession(deps.store, ctx);
    return transferSignUpToSignIn(deps, ctx);
  }
  if (input.strategy !== undefined && isOAuthStrategy(input.strategy)) {
    await assertCanAddSession(deps.store, ctx);
    return createSocialSignIn(deps, ctx, { ...input, strategy: input.strategy });
  }
  return createSignIn(deps, ctx, input);
}

/** `POST /v1/client/sign_ins` with `strategy=oauth_*`: the sign-in waits for the provider. */
async function createSocialSignIn(
  deps: SocialSignInDeps,
  ctx: FlowContext,
  input: { strategy: string; redirect_url?: string; action_complete_redirect_url?: string },
): Promise<SignIn> {
  deps.oauth.assertAvailable(ctx.instance, input.strategy);
  const draft = await newSignIn(deps, ctx);
  const verification = await startOAuth(deps, ctx, {
    flow: 'sign_in',
    flowId: draft.id,
    clientId: draft.clientId,
    strategy: input.strategy,
    redirectUrl: input.redirect_url,
    actionCompleteRedirectUrl: input.action_complete_redirect_url,
  });
  const signIn = { ...draft, firstFactorVerification: verification };
  await saveNew(deps, ctx, signIn);
  return signIn;
}

/** `POST /v1/client/sign_ins` with `transfer=true`: the provider account a sign-up met belongs to someone. */
export async function transferSignUpToSignIn(deps: SocialSignInDeps, ctx: FlowContext): Promise<SignIn> {
  const signUpId = ctx.client.current?.signUpId;
  const signUp = signUpId ? await deps.store.signUps.findById(ctx.instance.id, signUpId) : null;
  const v = signUp?.externalAccountVerification;
  if (v?.status !== 'transferable' || !v.externalIdentity)
    throw new GatehouseError('form_param_value_invalid', {
      longMessage: 'There is no sign-up to transfer.',
      meta: { param_name: 'transfer' },
    });
  const signIn = await newSignIn(deps, ctx);
  await saveNew(deps, ctx, signIn);
  return takeExternalIdentity(deps, ctx, signIn, v.externalIdentity);
}

/**
 * The provider account is known now (the callback, or a transfer): sign its user in, link it
 * first, ask for an email code before linking, or mark it transferable to a sign-up.
 */
export async function takeExternalIdentity(
  deps: SocialSignInDeps,
  ctx: FlowContext,
  signIn: SignIn,
  identity: ExternalIdentity,
): Promise<SignIn> {
  const { instance } = ctx;
  const { profile, provider } = identity;
  const linked = await deps.store.externalAccounts.findByProviderUser(instance.id, provider, profile.providerUserId);
  const emailOwner = profile.email ? await deps.store.users.findByEmail(instance.id, profile.email) : null;
  const decision = decideLink({ profile, linked, emailOwner });
  const now = deps.clock.now();
  switch (decision.action) {
    case 'sign_up': {
      const next: SignIn = {
        ...signIn,
        firstFactorVerification: {
          strategy: provider,
          status: 'transferable',
          attempts: null,
          expireAt: signIn.firstFactorVerification?.expireAt ?? null,
          verifiedAt: null,
          externalVerificationRedirectUrl: null,
          errorCode: 'external_account_not_found',
          externalIdentity: identity,
        },
      };
      if (!(await deps.store.signIns.saveIfVersion(next, now))) throw new GatehouseError('flow_conflict');
      return { ...next, version: next.version + 1 };
    }
    case 'verify_email_then_link': {
      const user = await mustFindUser(deps.store, instance.id, decision.userId);
      assertCanSignIn(user, now);
      return advance(
        deps,
        ctx,
        {
          ...signIn,
          identifier: decision.email,
          userId: user.id,
          firstFactorVerification: null,
          pendingExternalAccount: identity,
        },
        user,
        provider,
      );
    }
    case 'link_and_sign_in':
    case 'sign_in': {
      const user = await mustFindUser(deps.store, instance.id, decision.userId);
      assertCanSignIn(user, now);
      if (linked) await refreshAccount(deps, deps.store, linked, identity);
      else
        await deps.store.externalAccounts.create(await accountFromIdentity(deps, instance.id, user.id, identity, now));
      return advance(
        deps,
        ctx,
        {
          ...signIn,
          identifier: primaryEmail(user)?.emailAddress ?? user.username ?? user.id,
          userId: user.id,
          firstFactorVerification: {
            strategy: provider,
            status: 'verified',
            attempts: null,
            expireAt: null,
            verifiedAt: now,
            externalVerificationRedirectUrl: null,
            errorCode: null,
          },
        },
        user,
        provider,
      );
    }
  }
}

async function mustFindUser(store: Store, instanceId: string, id: string): Promise<User> {
  const user = await store.users.findById(instanceId, id);
  if (!user) throw new GatehouseError('sign_in_not_found');
  return user;
}

/** Bans and locks hold for social sign-in as for any other factor. */
function assertCanSignIn(user: User, now: number) {
  if (user.banned) throw new GatehouseError('user_banned');
  assertNotLocked(user, now);
}
