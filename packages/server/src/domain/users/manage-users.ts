/**
 * Administrative user operations (Backend API): create (with a password, or an imported
 * bcrypt/argon2 hash), update, delete, ban, unban, lock, unlock.
 * - Email addresses given by an administrator are marked verified (strategy `admin`), as Clerk does.
 * - Banning revokes every active session at once; locking blocks new sign-ins until unlocked.
 * - A new password, by any path, may sign out the user's other sessions.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { Instance } from '../instances/instance.ts';
import { isValidEmail, normalizeEmail } from '../policies/email-address.ts';
import { isSupportedDigest } from '../policies/password-digest.ts';
import { MAX_PASSWORD_BYTES } from '../policies/password-policy.ts';
import { screenNewPassword } from '../policies/password-screen.ts';
import type { UserPatch } from '../store.ts';
import { assertEmailAllowed } from './email-restrictions.ts';
import { type EmailAddress, type Metadata, newUserRecord, type User } from './user.ts';
import { checkMetadata, type ProfileInput, profilePatch } from './user-fields.ts';

type UserDeps = Pick<Deps, 'store' | 'hasher' | 'clock' | 'random' | 'pwnedPasswords' | 'disposableDomains'>;

export type PasswordHasherName = 'argon2id' | 'argon2i' | 'bcrypt';

export interface AdminPasswordInput {
  password?: string;
  password_digest?: string;
  password_hasher?: PasswordHasherName;
  skip_password_checks?: boolean;
}

export interface AdminUserInput extends ProfileInput, AdminPasswordInput {
  public_metadata?: Metadata;
  private_metadata?: Metadata;
}

export interface CreateUserInput extends AdminUserInput {
  email_address?: string[];
}

export interface UpdateUserInput extends AdminUserInput {
  primary_email_address_id?: string;
  sign_out_of_other_sessions?: boolean;
}

async function passwordDigest(
  deps: Pick<Deps, 'hasher' | 'pwnedPasswords'>,
  instance: Instance,
  input: AdminPasswordInput,
) {
  if (input.password !== undefined && input.password_digest !== undefined)
    throw new GatehouseError('form_param_value_invalid', {
      longMessage: 'Give either password or password_digest, not both.',
      meta: { param_name: 'password_digest' },
    });
  if (input.password_digest !== undefined) {
    const hasher = input.password_hasher;
    if (!hasher)
      throw new GatehouseError('form_param_missing', {
        longMessage: 'password_hasher is required with password_digest.',
        meta: { param_name: 'password_hasher' },
      });
    const prefixOk =
      hasher === 'bcrypt' ? /^\$2[aby]\$/.test(input.password_digest) : input.password_digest.startsWith(`$${hasher}$`);
    if (!prefixOk || !isSupportedDigest(input.password_digest))
      throw new GatehouseError('password_digest_invalid', {
        meta: { param_name: 'password_digest', password_hasher: hasher },
      });
    return input.password_digest;
  }
  if (input.password !== undefined) {
    if (!input.skip_password_checks) await screenNewPassword(deps, instance.settings, input.password);
    else if (input.password.length === 0 || Buffer.byteLength(input.password) > MAX_PASSWORD_BYTES)
      throw new GatehouseError('form_param_format_invalid', { meta: { param_name: 'password' } });
    return deps.hasher.hash(input.password);
  }
  return undefined;
}

export async function createUser(deps: UserDeps, instance: Instance, input: CreateUserInput): Promise<User> {
  const now = deps.clock.now();
  const userId = deps.random.id('user');
  const emails: EmailAddress[] = [];
  for (const raw of input.email_address ?? []) {
    const email = normalizeEmail(raw);
    if (!isValidEmail(email))
      throw new GatehouseError('form_email_address_invalid', { meta: { param_name: 'email_address' } });
    if (emails.some((e) => e.emailAddress === email)) continue;
    await assertEmailAllowed(deps, instance, email);
    emails.push({
      id: deps.random.id('idn'),
      userId,
      emailAddress: email,
      verificationStatus: 'verified',
      verificationStrategy: 'admin',
      verifiedAt: now,
      claimed: true,
      createdAt: now,
      updatedAt: now,
    });
  }
  const profile = await profilePatch(deps.store, instance.id, instance.settings, null, input);
  const digest = await passwordDigest(deps, instance, input);
  const user = newUserRecord(
    {
      id: userId,
      instanceId: instance.id,
      username: profile.username ?? null,
      firstName: profile.firstName ?? null,
      lastName: profile.lastName ?? null,
      passwordDigest: digest ?? null,
      publicMetadata: checkMetadata(input.public_metadata ?? {}, 'public_metadata'),
      privateMetadata: checkMetadata(input.private_metadata ?? {}, 'private_metadata'),
      unsafeMetadata: profile.unsafeMetadata ?? {},
      emailAddresses: emails,
    },
    now,
  );
  await deps.store.users.create(user);
  return user;
}

export async function getUser(deps: Pick<Deps, 'store'>, instanceId: string, id: string): Promise<User> {
  const user = await deps.store.users.findById(instanceId, id);
  if (!user) throw new GatehouseError('user_not_found', { meta: { user_id: id } });
  return user;
}

export async function updateUser(
  deps: UserDeps,
  instance: Instance,
  user: User,
  input: UpdateUserInput,
): Promise<User> {
  const now = deps.clock.now();
  const patch: UserPatch = await profilePatch(deps.store, instance.id, instance.settings, user.id, input);
  if (input.public_metadata !== undefined)
    patch.publicMetadata = checkMetadata(input.public_metadata, 'public_metadata');
  if (input.private_metadata !== undefined)
    patch.privateMetadata = checkMetadata(input.private_metadata, 'private_metadata');
  if (input.primary_email_address_id !== undefined) {
    if (!user.emailAddresses.some((e) => e.id === input.primary_email_address_id))
      throw new GatehouseError('form_param_value_invalid', {
        longMessage: 'primary_email_address_id must be one of the user’s email addresses.',
        meta: { param_name: 'primary_email_address_id' },
      });
    patch.primaryEmailAddressId = input.primary_email_address_id;
  }
  const digest = await passwordDigest(deps, instance, input);
  if (digest !== undefined) {
    patch.passwordDigest = digest;
    patch.passwordUpdatedAt = now;
  }
  await deps.store.transaction(async (store) => {
    await store.users.update(instance.id, user.id, patch, now);
    if (digest !== undefined && input.sign_out_of_other_sessions)
      await store.sessions.endAllForUser(instance.id, user.id, 'revoked', now);
  });
  return getUser(deps, instance.id, user.id);
}

export async function deleteUser(deps: Pick<Deps, 'store'>, instanceId: string, id: string): Promise<void> {
  if (!(await deps.store.users.delete(instanceId, id)))
    throw new GatehouseError('user_not_found', { meta: { user_id: id } });
}

export async function setBanned(deps: UserDeps, instanceId: string, user: User, banned: boolean): Promise<User> {
  const now = deps.clock.now();
  await deps.store.transaction(async (store) => {
    await store.users.update(instanceId, user.id, { banned }, now);
    if (banned) await store.sessions.endAllForUser(instanceId, user.id, 'revoked', now);
  });
  return getUser(deps, instanceId, user.id);
}

export async function setLocked(deps: UserDeps, instanceId: string, user: User, locked: boolean): Promise<User> {
  await deps.store.users.update(
    instanceId,
    user.id,
    locked
      ? { locked: true, lockoutExpiresAt: null }
      : { locked: false, lockoutExpiresAt: null, failedVerificationAttempts: 0 },
    deps.clock.now(),
  );
  return getUser(deps, instanceId, user.id);
}
