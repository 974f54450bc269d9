/**
 * Social sign-up on the sign-up object: starting it (`strategy=oauth_*`), and filling it from a
 * provider account (the callback, or a sign-in transfer). The provider's email goes through the
 * same restrictions as a typed one (allowlist, blocklist, subaddresses, disposable domains);
 * a verified one needs no code, an unverified one is verified by code as usual. Names and a
 * username are taken where the instance enables them (a username that is taken or invalid is
 * left for the person to choose). Password is not required of a social sign-up.
 */
import { GatehouseError, isGatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { ExternalIdentity } from '../external-accounts/external-account.ts';
import { decideLink } from '../external-accounts/linking.ts';
import { failedVerification, type OAuthFlowDeps, startOAuth } from '../external-accounts/oauth-flow.ts';
import type { FlowContext } from '../flow-context.ts';
import { normalizeEmail } from '../policies/email-address.ts';
import { assertEmailAllowed } from '../users/email-restrictions.ts';
import { cleanName, cleanUsername } from '../users/user-fields.ts';
import type { SignUp } from './sign-up.ts';

type Deps_ = OAuthFlowDeps & Pick<Deps, 'disposableDomains'>;

/** Starts the provider round trip of a new sign-up. */
export async function startSocialSignUp(
  deps: Deps_,
  ctx: FlowContext,
  signUp: SignUp,
  input: { strategy: string; redirect_url?: string; action_complete_redirect_url?: string },
): Promise<SignUp> {
  const verification = await startOAuth(deps, ctx, {
    flow: 'sign_up',
    flowId: signUp.id,
    clientId: signUp.clientId,
    strategy: input.strategy,
    redirectUrl: input.redirect_url,
    actionCompleteRedirectUrl: input.action_complete_redirect_url,
  });
  return { ...signUp, externalAccountVerification: verification };
}

/** The identity a sign-in of this client marked transferable (`transfer=true`), or a clear error. */
export async function transferableSignInIdentity(
  deps: Pick<Deps, 'store'>,
  ctx: FlowContext,
): Promise<ExternalIdentity> {
  const signInId = ctx.client.current?.signInId;
  const signIn = signInId ? await deps.store.signIns.findById(ctx.instance.id, signInId) : null;
  const v = signIn?.firstFactorVerification;
  if (v?.status !== 'transferable' || !v.externalIdentity)
    throw new GatehouseError('form_param_value_invalid', {
      longMessage: 'There is no sign-in to transfer.',
      meta: { param_name: 'transfer' },
    });
  return v.externalIdentity;
}

/**
 * Fills the sign-up from the provider account, or marks it transferable when the account (or
 * its email) belongs to a user already: that person signs in instead (`transfer=true`).
 * Restrictions refusing the email fail the verification with their error.
 */
export async function fillFromExternalIdentity(
  deps: Deps_,
  ctx: FlowContext,
  signUp: SignUp,
  identity: ExternalIdentity,
): Promise<SignUp> {
  const { instance } = ctx;
  const { profile, provider } = identity;
  const settings = instance.settings;
  const linked = await deps.store.externalAccounts.findByProviderUser(instance.id, provider, profile.providerUserId);
  const emailOwner = profile.email ? await deps.store.users.findByEmail(instance.id, profile.email) : null;
  const now = deps.clock.now();
  const base = {
    strategy: provider,
    attempts: null,
    expireAt: signUp.externalAccountVerification?.expireAt ?? null,
    externalVerificationRedirectUrl: null,
    externalIdentity: identity,
  };
  if (decideLink({ profile, linked, emailOwner }).action !== 'sign_up')
    return {
      ...signUp,
      externalAccountVerification: {
        ...base,
        status: 'transferable',
        verifiedAt: null,
        errorCode: 'external_account_exists',
      },
    };
  const next: SignUp = {
    ...signUp,
    externalAccountVerification: { ...base, status: 'verified', verifiedAt: now, errorCode: null },
  };
  if (profile.email) {
    const email = normalizeEmail(profile.email);
    try {
      await assertEmailAllowed(deps, instance, email);
    } catch (e) {
      if (!isGatehouseError(e)) throw e;
      return {
        ...signUp,
        externalAccountVerification: failedVerification(signUp.externalAccountVerification, provider, e.code),
      };
    }
    next.emailAddress = email;
    next.emailVerification = profile.emailVerified
      ? { strategy: `from_${provider}`, status: 'verified', attempts: null, expireAt: null, verifiedAt: now }
      : null;
  }
  if (settings.auth.first_name.enabled && profile.firstName)
    next.firstName = cleanName(profile.firstName, 'first_name');
  if (settings.auth.last_name.enabled && profile.lastName) next.lastName = cleanName(profile.lastName, 'last_name');
  if (settings.auth.username.enabled && profile.username && next.username === null)
    next.username = await cleanUsername(deps.store, instance.id, settings, profile.username, null).catch(() => null);
  return next;
}
