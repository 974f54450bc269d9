/**
 * Linking the provider account a sign-in kept pending, once the email code proved the address.
 */
import type { Deps } from '../deps.ts';
import type { FlowContext } from '../flow-context.ts';
import type { SignIn } from '../sign-in/sign-in.ts';
import type { User } from '../users/user.ts';
import { accountFromIdentity } from './accounts.ts';

/**
 * The email code proved the address of a sign-in waiting to link a provider account: link it.
 * When the user's own address was unverified, whoever created the account never proved it:
 * the address becomes verified, and the password they set and their sessions go (the
 * pre-hijacked account defence), so only the person who holds the mailbox keeps the account.
 */
export async function linkPendingExternalAccount(
  deps: Pick<Deps, 'store' | 'clock' | 'random' | 'secretBox'>,
  ctx: FlowContext,
  signIn: SignIn,
  user: User,
): Promise<void> {
  const identity = signIn.pendingExternalAccount;
  if (!identity) return;
  const now = deps.clock.now();
  const account = await accountFromIdentity(deps, ctx.instance.id, user.id, identity, now);
  const own = user.emailAddresses.find((e) => e.emailAddress === identity.profile.email);
  await deps.store.transaction(async (store) => {
    await store.externalAccounts.create(account);
    if (own && own.verificationStatus !== 'verified') {
      await store.users.verifyEmailAddressIfUnverified(ctx.instance.id, own.id, 'email_code', now);
      await store.users.update(ctx.instance.id, user.id, { passwordDigest: null }, now);
      await store.sessions.endAllForUser(ctx.instance.id, user.id, 'revoked', now);
    }
  });
}
