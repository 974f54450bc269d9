/**
 * Storage ports of users: accounts with their email addresses, phone numbers and lockout counts.
 * The conventions every port follows are in `domain/store.ts`.
 */
import type { EmailAddress, PhoneNumber, User } from './user.ts';

export interface UserListQuery {
  limit: number;
  offset: number;
  orderBy: {
    field: 'created_at' | 'updated_at' | 'last_sign_in_at' | 'last_active_at' | 'username' | 'first_name' | 'last_name';
    direction: 'asc' | 'desc';
  };
  emailAddresses?: string[];
  userIds?: string[];
  usernames?: string[];
  query?: string;
  banned?: boolean;
}

export type UserPatch = Partial<
  Pick<
    User,
    | 'username'
    | 'firstName'
    | 'lastName'
    | 'passwordDigest'
    | 'primaryEmailAddressId'
    | 'primaryPhoneNumberId'
    | 'publicMetadata'
    | 'privateMetadata'
    | 'unsafeMetadata'
    | 'banned'
    | 'locked'
    | 'lockoutExpiresAt'
    | 'failedVerificationAttempts'
    | 'lastSignInAt'
    | 'lastActiveAt'
    | 'passwordUpdatedAt'
  >
>;

export interface UserRepository {
  /** Inserts the user and its email addresses; throws `form_identifier_exists` / `form_username_exists` on a clash. */
  create(u: User): Promise<void>;
  findById(instanceId: string, id: string): Promise<User | null>;
  /** The account that claimed the address (see `EmailAddress.claimed`); unclaimed addresses name no one. */
  findByEmail(instanceId: string, email: string): Promise<User | null>;
  findByUsername(instanceId: string, username: string): Promise<User | null>;
  /** Whether an account claimed the address. */
  emailExists(instanceId: string, email: string): Promise<boolean>;
  usernameExists(instanceId: string, username: string): Promise<boolean>;
  list(instanceId: string, q: UserListQuery): Promise<User[]>;
  count(instanceId: string, q: Omit<UserListQuery, 'limit' | 'offset' | 'orderBy'>): Promise<number>;
  update(instanceId: string, id: string, patch: UserPatch, now: number): Promise<void>;
  addEmailAddress(instanceId: string, e: EmailAddress): Promise<void>;
  delete(instanceId: string, id: string): Promise<boolean>;
  /** Records the strategy a code was sent for, on an address still unverified. */
  markEmailAddressPrepared(instanceId: string, id: string, strategy: string, now: number): Promise<void>;
  /**
   * Marks an unverified address verified and claimed; false if it is gone or already verified.
   * Throws `form_identifier_exists` when another account claimed the address first.
   */
  verifyEmailAddressIfUnverified(instanceId: string, id: string, strategy: string, now: number): Promise<boolean>;
  /** Deletes one of the user's addresses; false if it was not there. */
  deleteEmailAddress(instanceId: string, userId: string, id: string): Promise<boolean>;
  /**
   * Counts one failed verification in a single atomic statement, unless the account is locked
   * now (then null, nothing counted). A lock whose time has passed restarts the count at 1.
   * Reaching `maxAttempts` locks the account until `lockoutExpiresAt` (null: until unlocked).
   */
  countFailedAttemptIfUnlocked(
    instanceId: string,
    id: string,
    now: number,
    policy: { maxAttempts: number; lockoutExpiresAt: number | null },
  ): Promise<FailedAttemptCount | null>;
  /** Clears the failed-attempt count (and any lock whose time has passed); false if the account is locked now. */
  resetFailedAttemptsIfUnlocked(instanceId: string, id: string, now: number): Promise<boolean>;
}

/** A user's phone numbers; the users repository reads them with the user. */
export interface PhoneNumberRepository {
  /** Throws `form_identifier_exists` (param `phone_number`) when the user already has the number. */
  add(instanceId: string, p: PhoneNumber): Promise<void>;
  /** The id of the account that claimed (verified) the number, or null. */
  claimedBy(instanceId: string, phoneNumber: string): Promise<string | null>;
  /** Records the strategy a code was sent for, on a number still unverified. */
  markPrepared(instanceId: string, id: string, strategy: string, now: number): Promise<void>;
  /**
   * Marks an unverified number verified and claimed; false if it is gone or already verified.
   * Throws `form_identifier_exists` when another account claimed the number first.
   */
  verifyIfUnverified(instanceId: string, id: string, strategy: string, now: number): Promise<boolean>;
  /** Sets the second-factor flags; `defaultSecondFactor: true` clears it on the user's other numbers. */
  updateFlags(
    instanceId: string,
    userId: string,
    id: string,
    flags: Partial<Pick<PhoneNumber, 'reservedForSecondFactor' | 'defaultSecondFactor'>>,
    now: number,
  ): Promise<void>;
  delete(instanceId: string, userId: string, id: string): Promise<boolean>;
  /** Any user's number by its id (Backend API `/v1/phone_numbers/{id}`). */
  findById(instanceId: string, id: string): Promise<PhoneNumber | null>;
}

export interface FailedAttemptCount {
  attempts: number;
  locked: boolean;
  lockoutExpiresAt: number | null;
}

/** Strict enumeration mode: the lockout of identifiers that name no account (`users/unknown-identifier-lockout.ts`). */
export interface IdentifierLockoutRepository {
  /** The lock state of an identifier with no account, or null when it never failed. */
  find(
    instanceId: string,
    identifierHash: string,
  ): Promise<{ locked: boolean; lockoutExpiresAt: number | null } | null>;
  /**
   * Counts one failure in a single atomic statement (creating the row on the first), unless
   * the identifier is locked now (then null, nothing counted). A lock whose time has passed
   * restarts the count at 1; reaching `maxAttempts` locks until `lockoutExpiresAt` (null: for good).
   */
  countFailedAttemptIfUnlocked(
    instanceId: string,
    identifierHash: string,
    now: number,
    policy: { maxAttempts: number; lockoutExpiresAt: number | null; keepUntil: number },
  ): Promise<FailedAttemptCount | null>;
}
