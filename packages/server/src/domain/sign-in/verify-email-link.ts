/**
 * Opening a sign-in link (`GET /v1/verify?token=...`), in order:
 * 1. the token must name a stored link that is unused and unexpired (a changed token is simply
 *    unknown: only its SHA-256 is stored), else `failed` / `expired`;
 * 2. same-device protection (`auth.email_address.email_link.same_device`, on by default): only
 *    the client (browser) that asked for the link may use it; any other gets `client_mismatch`
 *    and nothing is consumed or completed (a forwarded or intercepted link signs nobody in);
 * 3. the link is consumed (the one conditional write decides between concurrent opens) and the
 *    sign-in's first factor verified, in one transaction with the rest of the step. Opened in
 *    its own client, the sign-in completes there (session, rotated client token). With
 *    same-device protection off and another client, the factor is only marked verified: the
 *    original tab completes it on its next poll (`finishEmailLinkSignIn`), so no session is
 *    ever created on a client that did not start the sign-in.
 */
import { GatehouseError, isGatehouseError } from '@gatehouse/shared';
import type { FlowContext } from '../flow-context.ts';
import { hashToken } from '../secrets.ts';
import { EMAIL_LINK, emailLinkStrategy } from '../strategies/email-link.ts';
import { assertNotLocked, countSuccessfulAttempt } from '../users/lockout.ts';
import type { User } from '../users/user.ts';
import type { SignIn } from './sign-in.ts';
import { advance, type SignInDeps } from './transitions.ts';

/** Clerk's `__clerk_status` values, plus why a link failed (for the page). */
export type EmailLinkOutcome =
  | { status: 'verified'; redirectUrl: string; signIn: SignIn }
  | { status: 'client_mismatch' }
  | { status: 'expired' }
  | { status: 'failed'; reason: 'used' | 'invalid' | 'sign_in_closed' | 'locked' };

const linkedSignIn = async (deps: Pick<SignInDeps, 'store' | 'clock'>, ctx: FlowContext, signInId: string) => {
  const signIn = await deps.store.signIns.findById(ctx.instance.id, signInId);
  const open =
    signIn !== null &&
    signIn.status === 'needs_first_factor' &&
    signIn.expiresAt > deps.clock.now() &&
    signIn.firstFactorVerification?.strategy === EMAIL_LINK &&
    signIn.userId !== null;
  return open ? signIn : null;
};

export async function verifyEmailLink(deps: SignInDeps, ctx: FlowContext, token: string): Promise<EmailLinkOutcome> {
  const tokenHash = hashToken(token);
  const found = await deps.store.emailLinkTokens.findUsable(ctx.instance.id, tokenHash, deps.clock.now());
  if (!found.ok) return found.reason === 'expired' ? { status: 'expired' } : failed(found.reason);
  const sameClient = ctx.client.current?.id === found.link.clientId;
  if (!sameClient && ctx.instance.settings.auth.email_address.email_link.same_device)
    return { status: 'client_mismatch' };
  const signIn = await linkedSignIn(deps, ctx, found.link.signInId);
  const user = signIn?.userId ? await deps.store.users.findById(ctx.instance.id, signIn.userId) : null;
  if (!signIn || !user || !emailLinkStrategy.isAvailable(user, ctx.instance.settings)) {
    // A concurrent open may have just used the link (and completed the sign-in): say so.
    const again = await deps.store.emailLinkTokens.findUsable(ctx.instance.id, tokenHash, deps.clock.now());
    return !again.ok && again.reason === 'used' ? failed('used') : { status: 'failed', reason: 'sign_in_closed' };
  }
  try {
    assertNotLocked(user, deps.clock.now());
  } catch {
    return { status: 'failed', reason: 'locked' };
  }
  try {
    return await deps.store.transaction(async (store) => {
      const now = deps.clock.now();
      const used = await store.emailLinkTokens.consume(ctx.instance.id, tokenHash, now);
      if (!used.ok) throw new LinkRefused(used.reason === 'expired' ? { status: 'expired' } : failed(used.reason));
      const verified: SignIn = {
        ...signIn,
        firstFactorVerification: {
          strategy: EMAIL_LINK,
          status: 'verified',
          attempts: null,
          expireAt: null,
          verifiedAt: now,
        },
      };
      const txDeps = { ...deps, store };
      await countSuccessfulAttempt(txDeps, ctx.instance.settings, user);
      if (!sameClient) {
        if (!(await store.signIns.saveIfVersion(verified, now))) throw new GatehouseError('flow_conflict');
        return { status: 'verified', redirectUrl: used.link.redirectUrl, signIn: verified };
      }
      const done = await advance(txDeps, ctx, verified, user, EMAIL_LINK);
      return { status: 'verified', redirectUrl: used.link.redirectUrl, signIn: done };
    });
  } catch (err) {
    if (err instanceof LinkRefused) return err.outcome;
    // Another step moved the sign-in meanwhile (a concurrent open lost): nothing was committed.
    if (isGatehouseError(err) && err.code === 'flow_conflict') return failed('used');
    throw err;
  }
}

const failed = (reason: 'unknown' | 'used'): EmailLinkOutcome => ({
  status: 'failed',
  reason: reason === 'unknown' ? 'invalid' : 'used',
});

/** Rolls the link's transaction back with the outcome to show. */
class LinkRefused extends Error {
  readonly outcome: EmailLinkOutcome;
  constructor(outcome: EmailLinkOutcome) {
    super(outcome.status);
    this.outcome = outcome;
  }
}

/**
 * The original tab's poll: a sign-in whose email link was opened in another client (same-device
 * protection off) completes here, in the client that started it.
 */
export async function finishEmailLinkSignIn(deps: SignInDeps, ctx: FlowContext, signIn: SignIn): Promise<SignIn> {
  const v = signIn.firstFactorVerification;
  if (signIn.status !== 'needs_first_factor' || v?.strategy !== EMAIL_LINK || v.status !== 'verified') return signIn;
  if (signIn.expiresAt <= deps.clock.now() || signIn.userId === null) return signIn;
  const user: User | null = await deps.store.users.findById(ctx.instance.id, signIn.userId);
  if (!user) return signIn;
  return advance(deps, ctx, signIn, user, EMAIL_LINK);
}
