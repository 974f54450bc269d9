/**
 * Social sign-in's last leg (Clerk's `handleRedirectCallback`): back from the provider, the page
 * reloads the client and carries on from its sign-in or sign-up:
 * - the sign-up's provider account already has a user (`transferable`): `signIn.create({ transfer: true })`;
 * - the sign-in's provider account has no user yet (`transferable`): `signUp.create({ transfer: true })`,
 *   complete or `missing_requirements` (the fields the provider did not give);
 * - a verification `failed` with an `error` (`oauth_access_denied`, ...): that error is thrown as a
 *   `GatehouseAPIError`;
 * - complete (the sign-in or sign-up, or a session the callback already made active): the
 *   session is made active and the browser goes to `redirectUrlComplete`;
 * - the sign-in asks for more: an email code to link the account (`needs_first_factor`,
 *   `firstFactorUrl`), a second factor or client trust (`secondFactorUrl`); a sign-up missing
 *   fields: `continueSignUpUrl`; nothing to carry on: `signInUrl`.
 * It navigates only where the matching URL is given, and always resolves with the outcome, so a
 * component can show the next step itself.
 */
import { GatehouseAPIError } from '../errors.ts';
import type { SignIn, SignInCreateParams } from './sign-in.ts';
import type { SignUp, SignUpParams } from './sign-up.ts';
import type { Verification } from './verification.ts';

export interface HandleOAuthCallbackParams {
  /** Where to go when there is nothing to carry on (no flow in progress). */
  signInUrl?: string;
  /** Clerk's parameter; where a sign-up that needs fields goes when `continueSignUpUrl` is not set. */
  signUpUrl?: string;
  /** Where to go once signed in or up. */
  redirectUrlComplete?: string;
  /** Where a sign-up that misses fields the provider did not give continues. */
  continueSignUpUrl?: string | null;
  /** Where a sign-in that needs a first factor continues (an email code, to link the provider account). */
  firstFactorUrl?: string;
  /** Where a sign-in that needs a second factor (or client trust) continues. */
  secondFactorUrl?: string;
}

/** What the callback found, and what comes next. */
export type RedirectCallbackResult =
  | { status: 'complete'; sessionId: string }
  | { status: 'needs_first_factor' | 'needs_second_factor' | 'needs_client_trust'; signIn: SignIn }
  | { status: 'missing_requirements'; signUp: SignUp }
  /** No sign-in or sign-up to carry on (the flow was abandoned, or already finished elsewhere). */
  | { status: 'needs_identifier' };

/** What the callback needs from the SDK instance (named, so this module imports no instance). */
export interface RedirectCallbackDeps {
  /** Reloads the client: its sign-in and sign-up, and the session it last made active. */
  reload(): Promise<{ signIn: SignIn; signUp: SignUp; lastActiveSessionId: string | null }>;
  setActive(sessionId: string): Promise<void>;
  navigate(url: string): Promise<void>;
}

/** A provider round trip that failed, as the SDK's API error (422: the flow was refused, not the request). */
const failure = (v: Verification | null): GatehouseAPIError | null =>
  v?.status === 'failed' && v.error ? new GatehouseAPIError(422, [v.error]) : null;

const SIGN_IN_STEPS = ['needs_first_factor', 'needs_second_factor', 'needs_client_trust'] as const;
type SignInStep = (typeof SIGN_IN_STEPS)[number];
const isSignInStep = (s: string | null): s is SignInStep => SIGN_IN_STEPS.includes(s as SignInStep);

export async function handleRedirectCallback(
  deps: RedirectCallbackDeps,
  params: HandleOAuthCallbackParams = {},
): Promise<RedirectCallbackResult> {
  const go = async (url: string | null | undefined) => {
    if (url) await deps.navigate(url);
  };
  const complete = async (sessionId: string): Promise<RedirectCallbackResult> => {
    await deps.setActive(sessionId);
    await go(params.redirectUrlComplete);
    return { status: 'complete', sessionId };
  };
  const signInNext = async (si: SignIn): Promise<RedirectCallbackResult | null> => {
    if (si.status === 'complete' && si.createdSessionId) return complete(si.createdSessionId);
    if (!isSignInStep(si.status)) return null;
    await go(si.status === 'needs_first_factor' ? params.firstFactorUrl : params.secondFactorUrl);
    return { status: si.status, signIn: si };
  };
  const signUpNext = async (su: SignUp): Promise<RedirectCallbackResult | null> => {
    if (su.status === 'complete' && su.createdSessionId) return complete(su.createdSessionId);
    if (su.status !== 'missing_requirements') return null;
    await go(params.continueSignUpUrl === undefined ? params.signUpUrl : params.continueSignUpUrl);
    return { status: 'missing_requirements', signUp: su };
  };
  const nothingToDo = async (): Promise<RedirectCallbackResult> => {
    await go(params.signInUrl);
    return { status: 'needs_identifier' };
  };

  const { signIn, signUp, lastActiveSessionId } = await deps.reload();
  const external = signUp.verifications.externalAccount;
  const first = signIn.firstFactorVerification;

  // The provider account belongs to a user already (met from a sign-up): sign that user in.
  if (external?.status === 'transferable') {
    const transferred = await signIn.create({ transfer: true } satisfies SignInCreateParams);
    return (await signInNext(transferred)) ?? nothingToDo();
  }
  // The provider account has no user yet (met from a sign-in): create one.
  if (first?.status === 'transferable') {
    const transferred = await signUp.create({ transfer: true } satisfies SignUpParams);
    return (await signUpNext(transferred)) ?? nothingToDo();
  }
  const failed = failure(first) ?? failure(external);
  if (failed) throw failed;
  // A sign-in left from before (a password attempt) is not this round trip's, when one completed.
  const fromProvider = first?.strategy?.startsWith('oauth_') === true || lastActiveSessionId === null;
  if (signIn.id && fromProvider) {
    const next = await signInNext(signIn);
    if (next) return next;
  }
  if (signUp.id && external?.status === 'verified') {
    const next = await signUpNext(signUp);
    if (next) return next;
  }
  // Completed flows leave the client; the callback made their session the active one.
  if (lastActiveSessionId) return complete(lastActiveSessionId);
  return nothingToDo();
}
