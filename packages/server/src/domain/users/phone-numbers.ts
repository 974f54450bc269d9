/**
 * A user's phone numbers (`/v1/me/phone_numbers`, Backend API `/v1/phone_numbers`), on the
 * same rules as email addresses (`email-addresses.ts`):
 * - stored in E.164 (`policies/phone-number.ts`); a number from a country outside
 *   `sms.allowed_countries` cannot be added by the user, since it could never get a code;
 * - an added number is unverified and unclaimed: it reserves nothing for anyone until its
 *   owner proves it with an SMS code (`verification/sms-code.ts`); verifying claims it, and
 *   the unique index on claimed numbers makes the loser of two users racing for one number
 *   get `form_identifier_exists`;
 * - the first verified number becomes the primary one; removing the primary number makes the
 *   oldest other verified number primary (or none);
 * - `default_second_factor` needs a verified number and is held by one number at a time.
 * Changes that depend on the user's other numbers first write the user row in their
 * transaction, which serializes them per user on both databases.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { Instance } from '../instances/instance.ts';
import { requirePhoneNumber } from '../policies/phone-number.ts';
import type { RequestInfo } from '../ports.ts';
import type { Store } from '../store.ts';
import { assertCodeVerified, attemptCode, type CodeSubject } from '../verification/one-time-code.ts';
import { assertSmsCountryAllowed, type SmsCodeDeps, sendSmsCode } from '../verification/sms-code.ts';
import { assertPhoneNumberAllowed } from './email-restrictions.ts';
import { getUser } from './manage-users.ts';
import type { PhoneNumber, User } from './user.ts';

const PURPOSE = 'profile:phone_number';
export const PHONE_CODE = 'phone_code';

const codeSubject = (instance: Instance, phone: PhoneNumber): CodeSubject => ({
  instanceId: instance.id,
  subjectId: phone.id,
  purpose: PURPOSE,
});

const taken = () =>
  new GatehouseError('form_identifier_exists', {
    longMessage: 'That phone number is taken. Please try another.',
    meta: { param_name: 'phone_number' },
  });

export const phoneNumbersOf = (user: User): PhoneNumber[] => user.phoneNumbers ?? [];

/** One of the user's numbers; `resource_not_found` for any other id. */
export function ownPhoneNumber(user: User, id: string): PhoneNumber {
  const phone = phoneNumbersOf(user).find((p) => p.id === id);
  if (!phone)
    throw new GatehouseError('resource_not_found', {
      longMessage: 'No such phone number on this account.',
      meta: { param_name: 'phone_number_id', phone_number_id: id },
    });
  return phone;
}

/** Writes the user row (its `updated_at`) so concurrent changes to its numbers take turns. */
async function lockUser(store: Store, instanceId: string, userId: string, now: number): Promise<User> {
  await store.users.update(instanceId, userId, {}, now);
  return getUser({ store }, instanceId, userId);
}

const firstVerified = (phones: PhoneNumber[], exceptId?: string) =>
  phones.find((p) => p.verificationStatus === 'verified' && p.id !== exceptId) ?? null;

async function insertPhoneNumber(
  deps: Pick<Deps, 'store' | 'clock' | 'random'>,
  instance: Instance,
  user: User,
  e164: string,
): Promise<PhoneNumber> {
  if (phoneNumbersOf(user).some((p) => p.phoneNumber === e164)) throw taken();
  if ((await deps.store.phoneNumbers.claimedBy(instance.id, e164)) !== null) throw taken();
  const now = deps.clock.now();
  const phone: PhoneNumber = {
    id: deps.random.id('idn'),
    userId: user.id,
    phoneNumber: e164,
    verificationStatus: 'unverified',
    verificationStrategy: null,
    verifiedAt: null,
    claimed: false,
    reservedForSecondFactor: false,
    defaultSecondFactor: false,
    createdAt: now,
    updatedAt: now,
  };
  // The (user, number) unique index refuses a concurrent second add of the same number.
  await deps.store.phoneNumbers.add(instance.id, phone);
  return phone;
}

/** `POST /v1/me/phone_numbers`: adds an unverified number. */
export async function addPhoneNumber(
  deps: Pick<Deps, 'store' | 'clock' | 'random'>,
  instance: Instance,
  user: User,
  raw: string,
): Promise<PhoneNumber> {
  const { e164 } = requirePhoneNumber(raw);
  assertSmsCountryAllowed(instance, e164);
  await assertPhoneNumberAllowed(deps, instance, e164);
  return insertPhoneNumber(deps, instance, user, e164);
}

const assertStrategy = (strategy: string | undefined) => {
  if (strategy !== undefined && strategy !== PHONE_CODE)
    throw new GatehouseError('strategy_not_allowed', { meta: { param_name: 'strategy', strategy } });
};

export async function preparePhoneNumberVerification(
  deps: SmsCodeDeps,
  instance: Instance,
  request: RequestInfo,
  user: User,
  id: string,
  input: { strategy: string },
): Promise<{ phone: PhoneNumber; expireAt: number }> {
  const phone = ownPhoneNumber(user, id);
  assertStrategy(input.strategy);
  if (phone.verificationStatus === 'verified') throw new GatehouseError('verification_already_verified');
  // No code (nor its cost) for a number that can no longer be verified.
  const owner = await deps.store.phoneNumbers.claimedBy(instance.id, phone.phoneNumber);
  if (owner !== null && owner !== user.id) throw taken();
  const { expiresAt } = await sendSmsCode(deps, instance, request, codeSubject(instance, phone), phone.phoneNumber);
  const now = deps.clock.now();
  await deps.store.phoneNumbers.markPrepared(instance.id, phone.id, PHONE_CODE, now);
  return { phone: { ...phone, verificationStrategy: PHONE_CODE, updatedAt: now }, expireAt: expiresAt };
}

/** Makes a verified number the primary one when the user has none; inside `store` (a transaction). */
async function primaryIfNone(deps: Pick<Deps, 'clock'>, store: Store, instance: Instance, userId: string, id: string) {
  const now = deps.clock.now();
  const fresh = await lockUser(store, instance.id, userId, now);
  if (!fresh.primaryPhoneNumberId) await store.users.update(instance.id, userId, { primaryPhoneNumberId: id }, now);
}

export async function attemptPhoneNumberVerification(
  deps: Pick<Deps, 'store' | 'clock' | 'codeKey'>,
  instance: Instance,
  user: User,
  id: string,
  input: { strategy?: string; code: string },
): Promise<PhoneNumber> {
  const phone = ownPhoneNumber(user, id);
  assertStrategy(input.strategy);
  if (phone.verificationStatus === 'verified') throw new GatehouseError('verification_already_verified');
  if (phone.verificationStrategy !== PHONE_CODE) throw new GatehouseError('verification_not_prepared');
  assertCodeVerified(await attemptCode(deps, deps.store, codeSubject(instance, phone), input.code));
  await deps.store.transaction(async (store) => {
    // Throws form_identifier_exists, leaving the number unverified, if another account claimed it.
    if (await store.phoneNumbers.verifyIfUnverified(instance.id, phone.id, PHONE_CODE, deps.clock.now()))
      await primaryIfNone(deps, store, instance, user.id, phone.id);
  });
  return ownPhoneNumber(await getUser(deps, instance.id, user.id), phone.id);
}

export async function removePhoneNumber(
  deps: Pick<Deps, 'store' | 'clock'>,
  instance: Instance,
  user: User,
  id: string,
): Promise<void> {
  await deps.store.transaction(async (store) => {
    const now = deps.clock.now();
    const fresh = await lockUser(store, instance.id, user.id, now);
    const phone = ownPhoneNumber(fresh, id);
    if (!(await store.phoneNumbers.delete(instance.id, user.id, phone.id)))
      throw new GatehouseError('resource_not_found', { meta: { phone_number_id: id } });
    // A second factor may have gone: sessions must check again (mfa/pending-session.ts).
    if (phone.reservedForSecondFactor) await store.sessions.forgetMfaReady(instance.id, user.id);
    if (fresh.primaryPhoneNumberId === phone.id)
      await store.users.update(
        instance.id,
        user.id,
        { primaryPhoneNumberId: firstVerified(phoneNumbersOf(fresh), phone.id)?.id ?? null },
        now,
      );
  });
}

export interface PhoneNumberChanges {
  reserved_for_second_factor?: boolean;
  default_second_factor?: boolean;
}

/** `PATCH /v1/me/phone_numbers/{id}`: the second-factor flags. */
export async function updatePhoneNumber(
  deps: Pick<Deps, 'store' | 'clock'>,
  instance: Instance,
  user: User,
  id: string,
  input: PhoneNumberChanges,
): Promise<PhoneNumber> {
  await deps.store.transaction(async (store) => {
    const now = deps.clock.now();
    const phone = ownPhoneNumber(await lockUser(store, instance.id, user.id, now), id);
    if (input.default_second_factor === true && phone.verificationStatus !== 'verified')
      throw new GatehouseError('form_param_value_invalid', {
        longMessage: 'Only a verified phone number can be the default second factor.',
        meta: { param_name: 'default_second_factor' },
      });
    await store.phoneNumbers.updateFlags(
      instance.id,
      user.id,
      phone.id,
      {
        ...(input.reserved_for_second_factor !== undefined && {
          reservedForSecondFactor: input.reserved_for_second_factor,
        }),
        ...(input.default_second_factor !== undefined && { defaultSecondFactor: input.default_second_factor }),
      },
      now,
    );
    if (input.reserved_for_second_factor === false) await store.sessions.forgetMfaReady(instance.id, user.id);
  });
  return ownPhoneNumber(await getUser(deps, instance.id, user.id), id);
}

/** Makes a verified number of the user its primary one, in `store` (a transaction). */
export async function setPrimaryPhoneNumber(
  deps: Pick<Deps, 'clock'>,
  store: Store,
  instance: Instance,
  user: User,
  id: string,
  paramName = 'primary_phone_number_id',
): Promise<void> {
  const now = deps.clock.now();
  const fresh = await lockUser(store, instance.id, user.id, now);
  const phone = phoneNumbersOf(fresh).find((p) => p.id === id);
  if (phone?.verificationStatus !== 'verified')
    throw new GatehouseError('form_param_value_invalid', {
      longMessage: 'The primary phone number must be a verified phone number of the account.',
      meta: { param_name: paramName },
    });
  await store.users.update(instance.id, user.id, { primaryPhoneNumberId: phone.id }, now);
}

// Backend API: an operator may add numbers already verified, and verify or make them primary.

/** The number with this id and the user who holds it; `resource_not_found` otherwise. */
export async function findPhoneNumber(
  deps: Pick<Deps, 'store'>,
  instance: Instance,
  id: string,
): Promise<{ phone: PhoneNumber; user: User }> {
  const phone = await deps.store.phoneNumbers.findById(instance.id, id);
  if (!phone) throw new GatehouseError('resource_not_found', { meta: { phone_number_id: id } });
  return { phone, user: await getUser(deps, instance.id, phone.userId) };
}

export interface AdminPhoneNumberInput {
  verified?: boolean;
  primary?: boolean;
  reserved_for_second_factor?: boolean;
}

/**
 * `POST /v1/phone_numbers`. No code is sent, so the country list does not apply here (it
 * applies to every send); the allowlist and blocklist do. Unverified unless `verified`; `primary` needs `verified`.
 */
export async function createPhoneNumberAsAdmin(
  deps: Pick<Deps, 'store' | 'clock' | 'random'>,
  instance: Instance,
  input: AdminPhoneNumberInput & { user_id: string; phone_number: string },
): Promise<PhoneNumber> {
  const user = await getUser(deps, instance.id, input.user_id);
  const { e164 } = requirePhoneNumber(input.phone_number);
  await assertPhoneNumberAllowed(deps, instance, e164);
  const phone = await insertPhoneNumber(deps, instance, user, e164);
  return applyAdminChanges(deps, instance, user, phone, input);
}

/** `PATCH /v1/phone_numbers/{id}`. */
export async function updatePhoneNumberAsAdmin(
  deps: Pick<Deps, 'store' | 'clock'>,
  instance: Instance,
  id: string,
  input: AdminPhoneNumberInput,
): Promise<PhoneNumber> {
  const { phone, user } = await findPhoneNumber(deps, instance, id);
  return applyAdminChanges(deps, instance, user, phone, input);
}

async function applyAdminChanges(
  deps: Pick<Deps, 'store' | 'clock'>,
  instance: Instance,
  user: User,
  phone: PhoneNumber,
  input: AdminPhoneNumberInput,
): Promise<PhoneNumber> {
  if (input.verified === false && phone.verificationStatus === 'verified')
    throw new GatehouseError('form_param_value_invalid', {
      longMessage: 'A verified phone number cannot be made unverified; remove it instead.',
      meta: { param_name: 'verified' },
    });
  await deps.store.transaction(async (store) => {
    if (
      input.verified === true &&
      (await store.phoneNumbers.verifyIfUnverified(instance.id, phone.id, 'admin', deps.clock.now()))
    )
      await primaryIfNone(deps, store, instance, user.id, phone.id);
    if (input.reserved_for_second_factor !== undefined)
      await store.phoneNumbers.updateFlags(
        instance.id,
        user.id,
        phone.id,
        { reservedForSecondFactor: input.reserved_for_second_factor },
        deps.clock.now(),
      );
    if (input.reserved_for_second_factor === false) await store.sessions.forgetMfaReady(instance.id, user.id);
    if (input.primary === true) await setPrimaryPhoneNumber(deps, store, instance, user, phone.id, 'primary');
  });
  return ownPhoneNumber(await getUser(deps, instance.id, user.id), phone.id);
}

export async function removePhoneNumberAsAdmin(
  deps: Pick<Deps, 'store' | 'clock'>,
  instance: Instance,
  id: string,
): Promise<void> {
  const { user } = await findPhoneNumber(deps, instance, id);
  await removePhoneNumber(deps, instance, user, id);
}
