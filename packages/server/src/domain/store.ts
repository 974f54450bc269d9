/**
 * The storage port: what the domain needs from persistence, and nothing about SQL.
 * `storage/kysely/*` implements it for SQLite and PostgreSQL and proves it at compile time.
 *
 * Every method takes the instance id; no query can cross instances.
 * Methods named `...If...` are conditional writes: they return false when the condition no
 * longer held (another request got there first), which is how races are decided.
 */
import type { ReverificationLevel as SessionVerificationLevel } from '@gatehouse/shared';
import type { Client } from './clients/client.ts';
import type { Instance } from './instances/instance.ts';
import type { SecretKey } from './instances/secret-key.ts';
import type { Session, SessionStatus } from './sessions/session.ts';
import type { SignIn } from './sign-in/sign-in.ts';
import type { SignUp } from './sign-up/sign-up.ts';
import type { EmailAddress, PhoneNumber, User } from './users/user.ts';

export interface StoredInstance extends Instance {
  /** Only the settings an operator changed; `settings` is these over the defaults. */
  settingsOverrides: Record<string, unknown>;
}

export interface InstanceRepository {
  create(i: StoredInstance): Promise<void>;
  findById(id: string): Promise<StoredInstance | null>;
  findByHost(host: string): Promise<StoredInstance | null>;
  list(): Promise<StoredInstance[]>;
  updateSettings(id: string, overrides: Record<string, unknown>, now: number): Promise<void>;
}

export interface SecretKeyRepository {
  create(k: SecretKey, hash: string): Promise<void>;
  /** The unrevoked key with this hash, and its instance id. */
  findActiveByHash(hash: string): Promise<SecretKey | null>;
  list(instanceId: string): Promise<SecretKey[]>;
  revoke(instanceId: string, id: string, now: number): Promise<boolean>;
  touch(id: string, now: number): Promise<void>;
}

/** A public signing key as published in the JWKS. */
export interface PublicJwk {
  kid: string;
  kty: string;
  alg: string;
  use: string;
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
}

export interface SigningKeyRecord {
  kid: string;
  instanceId: string;
  alg: 'ES256' | 'RS256';
  publicJwk: PublicJwk;
  /** The private JWK, encrypted with the deployment secret (compact JWE). */
  privateJwkEncrypted: string;
  status: 'active' | 'retired';
  createdAt: number;
  retiredAt: number | null;
  publishUntil: number | null;
}

export interface SigningKeyRepository {
  create(k: SigningKeyRecord): Promise<void>;
  findActive(instanceId: string): Promise<SigningKeyRecord | null>;
  /** The active key and every retired key still within its publication window. */
  listPublished(instanceId: string, now: number): Promise<SigningKeyRecord[]>;
  retire(instanceId: string, kid: string, now: number, publishUntil: number): Promise<void>;
}

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

export interface ClientRepository {
  create(c: Client): Promise<void>;
  findById(instanceId: string, id: string): Promise<Client | null>;
  /**
   * The client `id` and, if it is that client's, the session `sessionId`, in one read (the
   * token-minting path): null when there is no such client; `session` null when the session
   * does not exist or belongs to another client.
   */
  findWithSession(
    instanceId: string,
    id: string,
    sessionId: string,
  ): Promise<{ client: Client; session: Session | null } | null>;
  update(
    instanceId: string,
    id: string,
    patch: Partial<Pick<Client, 'tokenHash' | 'lastActiveSessionId' | 'signInId' | 'signUpId'>>,
    now: number,
  ): Promise<void>;
}

export interface SessionListQuery {
  userId?: string;
  clientId?: string;
  status?: SessionStatus;
  limit: number;
  offset: number;
}

export interface SessionRepository {
  create(s: Session): Promise<void>;
  findById(instanceId: string, id: string): Promise<Session | null>;
  listByClient(instanceId: string, clientId: string, statuses: SessionStatus[]): Promise<Session[]>;
  list(instanceId: string, q: SessionListQuery): Promise<Session[]>;
  /** Moves an `active` session to `status`; false if it was no longer active. */
  endIfActive(instanceId: string, id: string, status: Exclude<SessionStatus, 'active'>, now: number): Promise<boolean>;
  /** Ends every active session of a user (ban, delete, password change). Returns their ids. */
  endAllForUser(
    instanceId: string,
    userId: string,
    status: Exclude<SessionStatus, 'active'>,
    now: number,
    exceptId?: string,
  ): Promise<string[]>;
  touch(instanceId: string, id: string, now: number): Promise<void>;
  /** Records the level a reverification of the session asks for (`POST .../verify`). */
  startVerification(instanceId: string, id: string, level: SessionVerificationLevel, now: number): Promise<void>;
  findVerificationLevel(instanceId: string, id: string): Promise<SessionVerificationLevel | null>;
  /** Sets when the session last verified its first or second factor (what the `fva` claim counts from). */
  markFactorVerified(instanceId: string, id: string, factor: 'first' | 'second', now: number): Promise<void>;
  /** Records that the session's user has a second factor: minting stops asking (`mfa/pending-session.ts`). */
  markMfaReady(instanceId: string, id: string): Promise<void>;
  /** Forgets that for every session of the user, after a second factor was removed. */
  forgetMfaReady(instanceId: string, userId: string): Promise<void>;
  /** Whether the user ever had a session (any status) on the client: Client Trust's memory. */
  existsForClientAndUser(instanceId: string, clientId: string, userId: string): Promise<boolean>;
  /** Whether the user has a session that a sign-in (not a sign-up) created. */
  hasSignedInBefore(instanceId: string, userId: string): Promise<boolean>;
}

export interface SignInRepository {
  create(s: SignIn): Promise<void>;
  findById(instanceId: string, id: string): Promise<SignIn | null>;
  /** Saves `s` if the stored version is still `s.version`, and bumps it. */
  saveIfVersion(s: SignIn, now: number): Promise<boolean>;
}

export interface SignUpRepository {
  create(s: SignUp): Promise<void>;
  findById(instanceId: string, id: string): Promise<SignUp | null>;
  saveIfVersion(s: SignUp, now: number): Promise<boolean>;
}

export interface VerificationCodeRecord {
  id: string;
  instanceId: string;
  subjectId: string;
  purpose: string;
  codeHash: string;
  attempts: number;
  maxAttempts: number;
  expiresAt: number;
  consumedAt: number | null;
  createdAt: number;
}

export interface VerificationCodeRepository {
  /** Voids every open code of the subject and purpose, then stores the new one. */
  replace(c: VerificationCodeRecord): Promise<void>;
  findLatestOpen(instanceId: string, subjectId: string, purpose: string): Promise<VerificationCodeRecord | null>;
  /** Counts one attempt if the code is open, unexpired and under its limit; the new count, or null. */
  countAttemptIf(instanceId: string, id: string, now: number): Promise<number | null>;
  /** Marks the code used; false if another request used it first. */
  consumeIfOpen(instanceId: string, id: string, now: number): Promise<boolean>;
}

export interface DevEmail {
  id: string;
  instanceId: string;
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  template: string;
  createdAt: number;
}

export interface DevMailboxRepository {
  add(e: DevEmail): Promise<void>;
  list(instanceId: string, q: { to?: string; limit: number; offset: number }): Promise<DevEmail[]>;
}

/** A text message a development instance kept instead of sending. */
export interface DevSms {
  id: string;
  instanceId: string;
  to: string;
  body: string;
  template: string;
  createdAt: number;
}

export interface DevSmsOutboxRepository {
  add(m: DevSms): Promise<void>;
  list(instanceId: string, q: { to?: string; limit: number; offset: number }): Promise<DevSms[]>;
}

export type RestrictionList = 'allowlist' | 'blocklist';

/** One allowlist or blocklist entry: an email address, a `*@domain` wildcard or a phone number. */
export interface IdentifierRestriction {
  id: string;
  instanceId: string;
  list: RestrictionList;
  identifier: string;
  identifierType: 'email_address' | 'phone_number';
  createdAt: number;
  updatedAt: number;
}

export interface RestrictionRepository {
  list(instanceId: string, list: RestrictionList): Promise<IdentifierRestriction[]>;
  /** Throws `duplicate_record` when the list already holds the identifier. */
  create(r: IdentifierRestriction): Promise<void>;
  delete(instanceId: string, list: RestrictionList, id: string): Promise<boolean>;
  /** Whether the list has any entry, and which of `identifiers` it holds. */
  match(instanceId: string, list: RestrictionList, identifiers: string[]): Promise<{ any: boolean; matched: string[] }>;
}

/** Rows that outlived their use (codes, flows, links), kept a while after expiry then deleted. */
export type ExpiringRecord =
  | 'verification_codes'
  | 'sign_ins'
  | 'sign_ups'
  | 'email_link_tokens'
  | 'unauthorized_sign_in_links'
  | 'identifier_lockouts';

export interface ExpiredRecordRepository {
  /** Deletes up to `limit` rows of `kind` that expired before `before`; returns how many went. */
  deleteExpired(kind: ExpiringRecord, before: number, limit: number): Promise<number>;
}

export interface CaptchaRedemptionRepository {
  /** Records a solution as used; false when it was already (atomic: one of two racers wins). */
  redeemOnce(instanceId: string, solutionHash: string, expiresAt: number, now: number): Promise<boolean>;
}

/** A "This wasn't me" link of a new-device email; the token is only in the email, its hash here. */
export interface UnauthorizedSignInLink {
  tokenHash: string;
  instanceId: string;
  userId: string;
  sessionId: string;
  expiresAt: number;
  consumedAt: number | null;
  createdAt: number;
}

export type LinkConsumption =
  | { ok: true; link: UnauthorizedSignInLink }
  | { ok: false; reason: 'unknown' | 'expired' | 'used' };

export interface UnauthorizedSignInLinkRepository {
  create(l: UnauthorizedSignInLink): Promise<void>;
  /** Marks the link used if it is unused and unexpired, in one conditional write (one of two racers wins). */
  consume(instanceId: string, tokenHash: string, now: number): Promise<LinkConsumption>;
}

/** A user's passkey (WebAuthn credential); pending until its attestation verified (credential null). */
export interface StoredPasskey {
  id: string;
  instanceId: string;
  userId: string;
  name: string;
  /** base64url credential id; null while pending. */
  credentialId: string | null;
  /** base64url COSE public key; null while pending. */
  publicKey: string | null;
  counter: number;
  transports: string[];
  verifiedAt: number | null;
  lastUsedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface PasskeyRepository {
  create(p: StoredPasskey): Promise<void>;
  findById(instanceId: string, id: string): Promise<StoredPasskey | null>;
  findByCredentialId(instanceId: string, credentialId: string): Promise<StoredPasskey | null>;
  listByUser(instanceId: string, userId: string): Promise<StoredPasskey[]>;
  /** Stores the credential of a pending passkey; false if it was no longer pending or the credential is taken. */
  markVerified(
    instanceId: string,
    id: string,
    credential: { credentialId: string; publicKey: string; counter: number; transports: string[] },
    now: number,
  ): Promise<boolean>;
  recordUse(instanceId: string, id: string, counter: number, now: number): Promise<void>;
  rename(instanceId: string, id: string, name: string, now: number): Promise<void>;
  delete(instanceId: string, id: string): Promise<boolean>;
}

/** A sign-in link (`email_link`); the token is only in the email, its hash here. */
export interface EmailLinkToken {
  tokenHash: string;
  instanceId: string;
  signInId: string;
  /** The client (browser) that asked for the link: with same-device protection, the only one it completes in. */
  clientId: string;
  redirectUrl: string;
  expiresAt: number;
  consumedAt: number | null;
  createdAt: number;
}

export type EmailLinkLookup =
  | { ok: true; link: EmailLinkToken }
  | { ok: false; reason: 'unknown' | 'expired' | 'used' };

export interface EmailLinkTokenRepository {
  create(l: EmailLinkToken): Promise<void>;
  /** When the sign-in's newest link was created (resend throttle), or null. */
  latestCreatedAt(instanceId: string, signInId: string): Promise<number | null>;
  /** The link as stored, or why it cannot be used (unknown, expired, used). */
  findUsable(instanceId: string, tokenHash: string, now: number): Promise<EmailLinkLookup>;
  /** Marks the link used if it is unused and unexpired, in one conditional write (one of two racers wins). */
  consume(instanceId: string, tokenHash: string, now: number): Promise<EmailLinkLookup>;
}

/** An email template an instance changed (a slug without one uses the built-in template). */
export interface StoredEmailTemplate {
  instanceId: string;
  slug: string;
  subject: string;
  html: string;
  text: string;
  createdAt: number;
  updatedAt: number;
}

export interface EmailTemplateRepository {
  find(instanceId: string, slug: string): Promise<StoredEmailTemplate | null>;
  list(instanceId: string): Promise<StoredEmailTemplate[]>;
  /** Inserts or replaces the instance's template for the slug. */
  save(t: StoredEmailTemplate): Promise<void>;
  delete(instanceId: string, slug: string): Promise<boolean>;
}

/** A user's TOTP authenticator; the secret stays encrypted at rest (see `ports.ts` SecretBox). */
export interface TotpRecord {
  id: string;
  instanceId: string;
  userId: string;
  secretEncrypted: string;
  verified: boolean;
  /** The last time step whose code was accepted (0: none yet). */
  lastUsedStep: number;
  createdAt: number;
  updatedAt: number;
}

/** Second factors: TOTP and backup codes. */
export interface MfaRepository {
  findTotp(instanceId: string, userId: string): Promise<TotpRecord | null>;
  /** Stores a new unverified TOTP, replacing an unverified one; false when a verified one exists. */
  replaceUnverifiedTotp(t: TotpRecord): Promise<boolean>;
  /** Marks the TOTP verified at `step`; false if it was verified already or a later step was used. */
  verifyTotpIfUnverified(instanceId: string, userId: string, step: number, now: number): Promise<boolean>;
  /**
   * Raises `last_used_step` to `step` in one conditional write; false when `step` is not above
   * it (the code was used already, by this request or a concurrent one).
   */
  useTotpStepIfNewer(instanceId: string, userId: string, step: number, now: number): Promise<boolean>;
  deleteTotp(instanceId: string, userId: string): Promise<boolean>;
  /** Voids every backup code of the user, then stores the new ones. */
  replaceBackupCodes(
    instanceId: string,
    userId: string,
    codes: { id: string; codeHash: string }[],
    now: number,
  ): Promise<void>;
  listOpenBackupCodes(instanceId: string, userId: string): Promise<{ id: string; codeHash: string }[]>;
  /** Marks a backup code used; false if another request used it first. */
  consumeBackupCodeIfOpen(instanceId: string, id: string, now: number): Promise<boolean>;
  deleteBackupCodes(instanceId: string, userId: string): Promise<number>;
  /** Which of the users have a verified TOTP and open backup codes (read with the user). */
  flagsFor(userIds: string[]): Promise<Map<string, { totpEnabled: boolean; backupCodeEnabled: boolean }>>;
}

export interface Store {
  instances: InstanceRepository;
  secretKeys: SecretKeyRepository;
  signingKeys: SigningKeyRepository;
  users: UserRepository;
  clients: ClientRepository;
  sessions: SessionRepository;
  signIns: SignInRepository;
  signUps: SignUpRepository;
  codes: VerificationCodeRepository;
  devMailbox: DevMailboxRepository;
  devSmsOutbox: DevSmsOutboxRepository;
  phoneNumbers: PhoneNumberRepository;
  restrictions: RestrictionRepository;
  captchaRedemptions: CaptchaRedemptionRepository;
  identifierLockouts: IdentifierLockoutRepository;
  expiredRecords: ExpiredRecordRepository;
  unauthorizedSignInLinks: UnauthorizedSignInLinkRepository;
  emailLinkTokens: EmailLinkTokenRepository;
  passkeys: PasskeyRepository;
  emailTemplates: EmailTemplateRepository;
  mfa: MfaRepository;
  /** Runs `fn` in one database transaction; inside, `store` is bound to it. Nested calls join the outer one. */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
}
