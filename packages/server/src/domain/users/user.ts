import type { ExternalAccount } from '../external-accounts/external-account.ts';

export type Metadata = Record<string, unknown>;

export interface EmailAddress {
  id: string;
  userId: string;
  emailAddress: string;
  verificationStatus: 'verified' | 'unverified';
  verificationStrategy: string | null;
  verifiedAt: number | null;
  /**
   * The address identifies its account: unique in the instance and accepted by sign-in.
   * Verified addresses are claimed; an unverified one only when the account was created with
   * it (an instance that does not verify at sign-up). One added to a profile is not claimed
   * until verified, so it reserves nothing for anyone.
   */
  claimed: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface PhoneNumber {
  id: string;
  userId: string;
  /** E.164, e.g. `+14155550123`. */
  phoneNumber: string;
  verificationStatus: 'verified' | 'unverified';
  verificationStrategy: string | null;
  verifiedAt: number | null;
  /** Verified numbers are claimed: unique in the instance. An unverified one reserves nothing (as emails). */
  claimed: boolean;
  /** The number only serves as a second factor, never as an identifier. */
  reservedForSecondFactor: boolean;
  /** The second-factor number tried first; at most one per user. */
  defaultSecondFactor: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface User {
  id: string;
  instanceId: string;
  username: string | null;
  firstName: string | null;
  lastName: string | null;
  /** A PHC string (`$argon2id$...`) or an imported bcrypt hash; never sent anywhere. */
  passwordDigest: string | null;
  primaryEmailAddressId: string | null;
  publicMetadata: Metadata;
  privateMetadata: Metadata;
  unsafeMetadata: Metadata;
  banned: boolean;
  locked: boolean;
  /** When a lock ends; null with `locked` means until an administrator unlocks. */
  lockoutExpiresAt: number | null;
  failedVerificationAttempts: number;
  lastSignInAt: number | null;
  lastActiveAt: number | null;
  passwordUpdatedAt: number | null;
  createdAt: number;
  updatedAt: number;
  emailAddresses: EmailAddress[];
  /**
   * Filled by every read from storage. Optional only because a user being created has none
   * (sign-up and `createUser` build users without them); to become required with phone sign-up.
   */
  phoneNumbers?: PhoneNumber[];
  primaryPhoneNumberId?: string | null;
  /** A verified TOTP authenticator; filled by every read from storage. */
  totpEnabled?: boolean;
  /** Unused backup codes left; filled by every read from storage. */
  backupCodeEnabled?: boolean;
  /** Connected provider accounts; filled by every read from storage. */
  externalAccounts?: ExternalAccount[];
}

/** What a new user is made of (sign-up, the Backend API); the rest starts empty. */
export type NewUserFields = Pick<User, 'id' | 'instanceId' | 'emailAddresses'> &
  Partial<
    Pick<
      User,
      'username' | 'firstName' | 'lastName' | 'passwordDigest' | 'publicMetadata' | 'privateMetadata' | 'unsafeMetadata'
    >
  >;

/**
 * A user as it is created: never signed in, neither banned nor locked, its first email
 * address primary, its password (if any) set now.
 */
export function newUserRecord(f: NewUserFields, now: number): User {
  const passwordDigest = f.passwordDigest ?? null;
  return {
    id: f.id,
    instanceId: f.instanceId,
    username: f.username ?? null,
    firstName: f.firstName ?? null,
    lastName: f.lastName ?? null,
    passwordDigest,
    primaryEmailAddressId: f.emailAddresses[0]?.id ?? null,
    publicMetadata: f.publicMetadata ?? {},
    privateMetadata: f.privateMetadata ?? {},
    unsafeMetadata: f.unsafeMetadata ?? {},
    banned: false,
    locked: false,
    lockoutExpiresAt: null,
    failedVerificationAttempts: 0,
    lastSignInAt: null,
    lastActiveAt: null,
    passwordUpdatedAt: passwordDigest ? now : null,
    createdAt: now,
    updatedAt: now,
    emailAddresses: f.emailAddresses,
  };
}

/** A lock whose time has passed no longer holds, even before anything clears the flag. */
export const isLocked = (u: Pick<User, 'locked' | 'lockoutExpiresAt'>, now: number): boolean =>
  u.locked && (u.lockoutExpiresAt === null || u.lockoutExpiresAt > now);

export const lockoutSecondsLeft = (u: Pick<User, 'locked' | 'lockoutExpiresAt'>, now: number): number | null =>
  isLocked(u, now) && u.lockoutExpiresAt !== null ? Math.ceil((u.lockoutExpiresAt - now) / 1000) : null;

export const primaryEmail = (u: User): EmailAddress | null =>
  u.emailAddresses.find((e) => e.id === u.primaryEmailAddressId) ?? u.emailAddresses[0] ?? null;
