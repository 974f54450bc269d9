/**
 * What a signed-in user may do to their own account through `/v1/me`: edit the profile
 * (including which verified address is primary), change the password (proving the current
 * one), delete the account. Email addresses themselves: `email-addresses.ts`.
 * A password change mails the owner, and may sign out every other session.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { Instance } from '../instances/instance.ts';
import { screenNewPassword } from '../policies/password-screen.ts';
import type { Session } from '../sessions/session.ts';
import { setPrimaryEmailAddress } from './email-addresses.ts';
import { getUser } from './manage-users.ts';
import { setPrimaryPhoneNumber } from './phone-numbers.ts';
import { primaryEmail, type User } from './user.ts';
import { type ProfileInput, profilePatch } from './user-fields.ts';

export async function updateOwnProfile(
  deps: Pick<Deps, 'store' | 'clock'>,
  instance: Instance,
  user: User,
  input: ProfileInput & { primary_email_address_id?: string; primary_phone_number_id?: string },
): Promise<User> {
  const patch = await profilePatch(deps.store, instance.id, instance.settings, user.id, input);
  await deps.store.transaction(async (store) => {
    if (input.primary_email_address_id !== undefined)
      await setPrimaryEmailAddress(deps, store, instance, user, input.primary_email_address_id);
    if (input.primary_phone_number_id !== undefined)
      await setPrimaryPhoneNumber(deps, store, instance, user, input.primary_phone_number_id);
    await store.users.update(instance.id, user.id, patch, deps.clock.now());
  });
  return getUser(deps, instance.id, user.id);
}

export async function changeOwnPassword(
  deps: Pick<Deps, 'store' | 'clock' | 'hasher' | 'mailer' | 'pwnedPasswords'>,
  instance: Instance,
  user: User,
  session: Session,
  input: { current_password?: string; new_password: string; sign_out_of_other_sessions?: boolean },
): Promise<User> {
  if (user.passwordDigest !== null) {
    if (!input.current_password)
      throw new GatehouseError('form_param_missing', {
        longMessage: 'Enter your current password.',
        meta: { param_name: 'current_password' },
      });
    if (!(await deps.hasher.verify(user.passwordDigest, input.current_password)))
      throw new GatehouseError('form_password_incorrect', { meta: { param_name: 'current_password' } });
  }
  await screenNewPassword(deps, instance.settings, input.new_password, {
    paramName: 'new_password',
    userInputs: [primaryEmail(user)?.emailAddress, user.username, user.firstName, user.lastName],
  });
  const digest = await deps.hasher.hash(input.new_password);
  const now = deps.clock.now();
  await deps.store.transaction(async (store) => {
    await store.users.update(instance.id, user.id, { passwordDigest: digest, passwordUpdatedAt: now }, now);
    if (input.sign_out_of_other_sessions)
      await store.sessions.endAllForUser(instance.id, user.id, 'revoked', now, session.id);
  });
  const email = primaryEmail(user);
  if (email)
    await deps.mailer.send({
      instance,
      to: email.emailAddress,
      template: 'password_changed',
      variables: { changed_at: new Date(now).toISOString() },
    });
  return getUser(deps, instance.id, user.id);
}
