/**
 * The provider's callback (`/v1/oauth_callback`): the one place a round trip ends.
 *
 * 1. `state` is used once (a replay, or a second tab, gets `oauth_callback_invalid`) and must
 *    come back to the client (cookie) that started it: a callback URL planted in someone
 *    else's browser does nothing there.
 * 2. A provider error (`error=access_denied`, Apple's `user_cancelled_authorize`, ...) fails
 *    the flow's verification with `oauth_access_denied` / `oauth_provider_error`.
 * 3. The code is exchanged (PKCE, ID token checks in the adapter); the provider account is
 *    then taken by the flow: sign-in (`sign-in/social.ts`), sign-up (`sign-up/social.ts`) or
 *    a connect from the profile (`connect.ts`).
 * Every refusal after step 1 is written on the flow, and the browser goes back to the app,
 * which reads it there. Nothing is created before the provider's answer checked out.
 */
import { GatehouseError, isGatehouseError } from '@gatehouse/shared';
import type { FlowContext } from '../flow-context.ts';
import { hashToken } from '../secrets.ts';
import type { SocialSignInDeps } from '../sign-in/social.ts';
import { takeExternalIdentity } from '../sign-in/social.ts';
import { takeExternalIdentityForSignUp } from '../sign-up/transitions.ts';
import type { Verification } from '../verification/verification.ts';
import { identityFrom } from './accounts.ts';
import { completeConnect, failConnect } from './connect.ts';
import type { ExternalIdentity } from './external-account.ts';
import { failedVerification, oauthCallbackUrl } from './oauth-flow.ts';
import type { OAuthState } from './oauth-state.ts';

export type OAuthCallbackDeps = SocialSignInDeps & Parameters<typeof takeExternalIdentityForSignUp>[0];

const invalid = (reason: string) => new GatehouseError('oauth_callback_invalid', { meta: { reason } });

/** The person said no at the provider: OAuth's `access_denied`, Sign in with Apple's `user_cancelled_authorize`. */
const DENIALS = new Set(['access_denied', 'user_cancelled_authorize']);

export interface CallbackOutcome {
  redirectTo: string;
  /** Why the round trip failed, for the log (the flow carries the public code). */
  failure: GatehouseError | null;
}

/** Handles the callback's parameters; returns where to send the browser. */
export async function handleOAuthCallback(
  deps: OAuthCallbackDeps,
  ctx: FlowContext,
  params: Record<string, string>,
): Promise<CallbackOutcome> {
  const raw = params.state;
  if (!raw) throw invalid('state_missing');
  const now = deps.clock.now();
  const outcome = await deps.store.oauthStates.consume(ctx.instance.id, hashToken(raw), now);
  const state = outcome.state;
  if (!state || state.clientId !== ctx.client.current?.id) throw invalid(state ? 'client_mismatch' : 'state_unknown');
  if (!outcome.ok) {
    // Used: the first callback already decided the flow, leave it be. Expired: tell the flow.
    if (outcome.reason === 'used') throw invalid('state_used');
    return fail(deps, ctx, state, invalid('state_expired'));
  }
  if (params.error) {
    const code = DENIALS.has(params.error) ? 'oauth_access_denied' : 'oauth_provider_error';
    const provider = /^[a-z_]{1,64}$/.test(params.error) ? params.error : 'other';
    return fail(
      deps,
      ctx,
      state,
      new GatehouseError(code, { meta: { reason: 'provider_refused', provider_error: provider } }),
    );
  }
  let identity: ExternalIdentity;
  try {
    const { profile, tokens } = await deps.oauth.exchange(ctx.instance, state.strategy, {
      redirectUri: oauthCallbackUrl(ctx.instance),
      params,
      state: raw,
      codeVerifier: state.codeVerifier,
      nonce: state.nonce,
    });
    identity = await identityFrom(deps, ctx.instance.id, state.strategy, profile, tokens);
  } catch (e) {
    if (!isGatehouseError(e)) throw e;
    return fail(deps, ctx, state, e);
  }
  let complete: boolean;
  try {
    complete = await takeIdentity(deps, ctx, state, identity);
  } catch (e) {
    // A ban, a lock, a refused address: the flow says so; anything else is a real fault.
    if (!isGatehouseError(e) || e.status >= 500 || e.code === 'flow_conflict') throw e;
    return fail(deps, ctx, state, e);
  }
  return {
    redirectTo: complete && state.actionCompleteRedirectUrl ? state.actionCompleteRedirectUrl : state.redirectUrl,
    failure: null,
  };
}

async function fail(deps: OAuthCallbackDeps, ctx: FlowContext, state: OAuthState, e: GatehouseError) {
  await failFlow(deps, ctx, state, e.code);
  return { redirectTo: state.redirectUrl, failure: e };
}

/** Hands the provider account to its flow; true when that completed it. */
async function takeIdentity(
  deps: OAuthCallbackDeps,
  ctx: FlowContext,
  state: OAuthState,
  identity: ExternalIdentity,
): Promise<boolean> {
  const id = ctx.instance.id;
  switch (state.flow) {
    case 'sign_in': {
      const signIn = await deps.store.signIns.findById(id, state.flowId);
      if (!signIn || signIn.status === 'complete') throw invalid('flow_gone');
      return (await takeExternalIdentity(deps, ctx, signIn, identity)).status === 'complete';
    }
    case 'sign_up': {
      const signUp = await deps.store.signUps.findById(id, state.flowId);
      if (!signUp) throw invalid('flow_gone');
      return (await takeExternalIdentityForSignUp(deps, ctx, signUp, identity)).status === 'complete';
    }
    case 'connect':
      await completeConnect(deps, ctx, state.flowId, identity);
      return true;
  }
}

/** Writes why the round trip failed on its flow (a flow that is gone or done is left alone). */
async function failFlow(deps: OAuthCallbackDeps, ctx: FlowContext, state: OAuthState, code: Verification['errorCode']) {
  const id = ctx.instance.id;
  const now = deps.clock.now();
  if (state.flow === 'connect') return failConnect(deps, ctx, state.flowId, code);
  if (state.flow === 'sign_in') {
    const signIn = await deps.store.signIns.findById(id, state.flowId);
    if (!signIn || signIn.status === 'complete') return;
    await deps.store.signIns.saveIfVersion(
      { ...signIn, firstFactorVerification: failedVerification(signIn.firstFactorVerification, state.strategy, code) },
      now,
    );
    return;
  }
  const signUp = await deps.store.signUps.findById(id, state.flowId);
  if (!signUp || signUp.status === 'complete') return;
  await deps.store.signUps.saveIfVersion(
    {
      ...signUp,
      externalAccountVerification: failedVerification(signUp.externalAccountVerification, state.strategy, code),
    },
    now,
  );
}
