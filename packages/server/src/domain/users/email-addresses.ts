/**
 * A signed-in user's own email addresses (`/v1/me/email_addresses`):
 * - An added address is unverified and unclaimed: it reserves nothing for anyone until its
 *   owner proves it, so adding someone else's address neither blocks their sign-up nor tells
 *   whether they have an account. An address another account claimed, or one this user
 *   already has, is refused with `form_identifier_exists`.
 * - It is verified with a 6-digit email code (`one-time-code.ts`: 10 minutes, 3 attempts,
 *   single use). Verifying claims the address; if another account claimed it first (two
 *   users racing to verify one address), the unique index refuses it, the loser gets
 *   `form_identifier_exists` and its address stays unverified.
 * - The primary address must be a verified address of the user. It cannot be removed while
 *   primary, and the last verified address cannot be removed.
 * Changes that depend on the user's other addresses (primary, removal) first write the user
 * row inside their transaction, which serializes them per user on both databases, then
 * check against the addresses as they are.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { Instance } from '../instances/instance.ts';
import { isValidEmail, normalizeEmail } from '../policies/email-address.ts';
import type { Store } from '../store.ts';
import { issueEmailCode } from '../verification/email-code.ts';
import { assertCodeVerified, attemptCode, type CodeSubject } from '../verification/one-time-code.ts';
import { assertEmailAllowed } from './email-restrictions.ts';
import { getUser } from './manage-users.ts';
import type { EmailAddress, User } from './user.ts';

type EmailDeps = Pick<Deps, 'store' | 'clock' | 'random' | 'mailer' | 'codeKey'>;

const PURPOSE = 'profile:email_address';
const STRATEGY = 'email_code';

const codeSubject = (instance: Instance, address: EmailAddress): CodeSubject => ({
  instanceId: instance.id,
  subjectId: address.id,
  purpose: PURPOSE,
});

/** One of the user's addresses; `resource_not_found` for any other id. */
export function ownEmailAddress(user: User, id: string): EmailAddress {
  const address = user.emailAddresses.find((e) => e.id === id);
  if (!address)
    throw new GatehouseError('resource_not_found', {
      longMessage: 'No such email address on your account.',
      meta: { param_name: 'email_address_id', email_address_id: id },
    });
  return address;
}

const assertStrategy = (strategy: string | undefined) => {
  if (strategy !== undefined && strategy !== STRATEGY)
    throw new GatehouseError('strategy_not_allowed', { meta: { param_name: 'strategy', strategy } });
};

/** Writes the user row (its `updated_at`) so concurrent changes to its addresses take turns. */
async function lockUser(store: Store, instanceId: string, userId: string, now: number): Promise<User> {
  await store.users.update(instanceId, userId, {}, now);
  return getUser({ store }, instanceId, userId);
}

export async function addEmailAddress(
  deps: Pick<Deps, 'store' | 'clock' | 'random' | 'disposableDomains'>,
  instance: Instance,
  user: User,
  raw: string,
): Promise<EmailAddress> {
  const email = normalizeEmail(raw);
  if (!isValidEmail(email))
    throw new GatehouseError('form_email_address_invalid', { meta: { param_name: 'email_address' } });
  await assertEmailAllowed(deps, instance, email);
  const taken = () => new GatehouseError('form_identifier_exists', { meta: { param_name: 'email_address' } });
  if (user.emailAddresses.some((e) => e.emailAddress === email)) throw taken();
  if (await deps.store.users.emailExists(instance.id, email)) throw taken();
  const now = deps.clock.now();
  const address: EmailAddress = {
    id: deps.random.id('idn'),
    userId: user.id,
    emailAddress: email,
    verificationStatus: 'unverified',
    verificationStrategy: null,
    verifiedAt: null,
    claimed: false,
    createdAt: now,
    updatedAt: now,
  };
  // The (user, address) unique index refuses a concurrent second add of the same address.
  await deps.store.users.addEmailAddress(instance.id, address);
  return address;
}

export async function prepareEmailAddressVerification(
  deps: EmailDeps,
  instance: Instance,
  user: User,
  id: string,
  input: { strategy: string },
): Promise<{ address: EmailAddress; expireAt: number }> {
  const address = ownEmailAddress(user, id);
  assertStrategy(input.strategy);
  if (address.verificationStatus === 'verified') throw new GatehouseError('verification_already_verified');
  // No code for an address that can no longer be verified.
  const owner = await deps.store.users.findByEmail(instance.id, address.emailAddress);
  if (owner && owner.id !== user.id)
    throw new GatehouseError('form_identifier_exists', { meta: { param_name: 'email_address' } });
  const { code, expiresAt, fixed } = await issueEmailCode(
    deps,
    deps.store,
    instance,
    codeSubject(instance, address),
    address.emailAddress,
  );
  const now = deps.clock.now();
  await deps.store.users.markEmailAddressPrepared(instance.id, address.id, STRATEGY, now);
  // A test address (development instance) gets the fixed code and no mail.
  if (!fixed)
    await deps.mailer.send({
      instance,
      to: address.emailAddress,
      template: 'verification_code',
      variables: { code, expires_in_minutes: Math.round((expiresAt - now) / 60000) },
    });
  return { address: { ...address, verificationStrategy: STRATEGY, updatedAt: now }, expireAt: expiresAt };
}

export async function attemptEmailAddressVerification(
  deps: EmailDeps,
  instance: Instance,
  user: User,
  id: string,
  input: { strategy?: string; code: string },
): Promise<EmailAddress> {
  const address = ownEmailAddress(user, id);
  assertStrategy(input.strategy);
  if (address.verificationStatus === 'verified') throw new GatehouseError('verification_already_verified');
  if (address.verificationStrategy !== STRATEGY) throw new GatehouseError('verification_not_prepared');
  const result = await attemptCode(deps, deps.store, codeSubject(instance, address), input.code);
  assertCodeVerified(result);
  // Throws form_identifier_exists, leaving the address unverified, if another account claimed it.
  await deps.store.users.verifyEmailAddressIfUnverified(instance.id, address.id, STRATEGY, deps.clock.now());
  // The code was single-use, so nothing else verified this address; it may have been removed.
  return ownEmailAddress(await getUser(deps, instance.id, user.id), address.id);
}

export async function removeEmailAddress(
  deps: Pick<Deps, 'store' | 'clock'>,
  instance: Instance,
  user: User,
  id: string,
): Promise<void> {
  await deps.store.transaction(async (store) => {
    const fresh = await lockUser(store, instance.id, user.id, deps.clock.now());
    const address = ownEmailAddress(fresh, id);
    if (fresh.primaryEmailAddressId === address.id)
      throw new GatehouseError('primary_email_address_not_deletable', {
        meta: { param_name: 'email_address_id', email_address_id: id },
      });
    const verified = fresh.emailAddresses.filter((e) => e.verificationStatus === 'verified');
    if (address.verificationStatus === 'verified' && verified.length === 1)
      throw new GatehouseError('identification_deletion_failed', {
        meta: { param_name: 'email_address_id', email_address_id: id },
      });
    if (!(await store.users.deleteEmailAddress(instance.id, user.id, address.id)))
      throw new GatehouseError('resource_not_found', { meta: { email_address_id: id } });
  });
}

/** Makes a verified address of the user its primary one, in `store` (a transaction). */
export async function setPrimaryEmailAddress(
  deps: Pick<Deps, 'clock'>,
  store: Store,
  instance: Instance,
  user: User,
  id: string,
): Promise<void> {
  const now = deps.clock.now();
  const fresh = await lockUser(store, instance.id, user.id, now);
  const address = fresh.emailAddresses.find((e) => e.id === id);
  if (address?.verificationStatus !== 'verified')
    throw new GatehouseError('form_param_value_invalid', {
      longMessage: 'primary_email_address_id must be a verified email address of your account.',
      meta: { param_name: 'primary_email_address_id' },
    });
  await store.users.update(instance.id, user.id, { primaryEmailAddressId: address.id }, now);
}
