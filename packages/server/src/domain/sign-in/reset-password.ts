/**
 * `reset_password` on a sign-in at `needs_new_password` (a correct password that is known
 * breached, on an instance that enforces breach checks at sign-in). The new password goes
 * through every rule a new password meets (so the breached one cannot come back); it replaces
 * the old one, optionally signs out the user's other sessions, and the sign-in moves on to its
 * next status (normally `complete`, creating the session).
 */
import { GatehouseError } from '@gatehouse/shared';
import type { FlowContext } from '../flow-context.ts';
import { screenNewPassword } from '../policies/password-screen.ts';
import { primaryEmail } from '../users/user.ts';
import type { SignIn } from './sign-in.ts';
import { advance, type SignInDeps } from './transitions.ts';

export interface ResetPasswordInput {
  password: string;
  sign_out_of_other_sessions?: boolean;
}

export async function resetSignInPassword(
  deps: SignInDeps,
  ctx: FlowContext,
  signIn: SignIn,
  input: ResetPasswordInput,
): Promise<SignIn> {
  const now = deps.clock.now();
  if (signIn.status === 'abandoned' || signIn.expiresAt <= now) throw new GatehouseError('sign_in_expired');
  if (signIn.status !== 'needs_new_password' || signIn.firstFactorVerification === null)
    throw new GatehouseError('sign_in_invalid_status', {
      meta: { status: signIn.status, expected: 'needs_new_password' },
    });
  const user = signIn.userId === null ? null : await deps.store.users.findById(ctx.instance.id, signIn.userId);
  if (!user) throw new GatehouseError('sign_in_not_found');
  await screenNewPassword(deps, ctx.instance.settings, input.password, {
    userInputs: [primaryEmail(user)?.emailAddress, user.username, user.firstName, user.lastName],
  });
  const digest = await deps.hasher.hash(input.password);
  await deps.store.transaction(async (store) => {
    await store.users.update(ctx.instance.id, user.id, { passwordDigest: digest, passwordUpdatedAt: now }, now);
    if (input.sign_out_of_other_sessions) await store.sessions.endAllForUser(ctx.instance.id, user.id, 'revoked', now);
  });
  const firstFactorVerification = { ...signIn.firstFactorVerification, passwordCompromised: false };
  return advance(deps, ctx, { ...signIn, firstFactorVerification }, user, firstFactorVerification.strategy);
}
