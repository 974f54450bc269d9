/**
 * The signed-in user, as `/v1/me` shows it, and what the user may do to their own account:
 * update names and metadata, change the password, list and add email addresses and phone numbers, list the
 * sessions on every device, delete the account. Every call acts for the session the user
 * came with (`_clerk_session_id`).
 */
import type {
  BackupCodeObject,
  ClientSessionObject,
  EmailAddressObject,
  ExternalAccountObject,
  PasskeyObject,
  PhoneNumberObject,
  TotpObject,
  UserObject,
} from '@gatehouse/shared/wire';
import { toDate } from '../core/case.ts';
import { meQuery, type ResourceCore } from '../core/core.ts';
import { type DeletedObject, EmailAddress } from './email-address.ts';
import { type CreateExternalAccountParams, connectBody, ExternalAccount } from './external-account.ts';
import { Passkey } from './passkey.ts';
import { PhoneNumber } from './phone-number.ts';
import { SessionWithActivities } from './session-with-activities.ts';
import { BackupCode, TOTP } from './totp.ts';

export interface UpdateUserParams {
  firstName?: string;
  lastName?: string;
  username?: string;
  unsafeMetadata?: Record<string, unknown>;
}

export interface UpdatePasswordParams {
  currentPassword?: string;
  newPassword: string;
  signOutOfOtherSessions?: boolean;
}

export class User {
  readonly id: string;
  readonly externalId: string | null;
  readonly username: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly imageUrl: string;
  readonly hasImage: boolean;
  readonly primaryEmailAddressId: string | null;
  readonly emailAddresses: EmailAddress[];
  readonly primaryPhoneNumberId: string | null;
  readonly phoneNumbers: PhoneNumber[];
  /** The user's passkeys (from `/v1/me`; empty where the server does not list them). */
  readonly passkeys: Passkey[];
  /** The social accounts connected to the user (Google, GitHub, ...), verified or not. */
  readonly externalAccounts: ExternalAccount[];
  readonly passwordEnabled: boolean;
  readonly twoFactorEnabled: boolean;
  readonly totpEnabled: boolean;
  readonly backupCodeEnabled: boolean;
  readonly publicMetadata: Record<string, unknown>;
  readonly unsafeMetadata: Record<string, unknown>;
  readonly banned: boolean;
  readonly locked: boolean;
  readonly deleteSelfEnabled: boolean;
  readonly lastSignInAt: Date | null;
  readonly lastActiveAt: Date | null;
  readonly passwordLastUpdatedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly #core: ResourceCore;
  readonly #sessionId: string | null;

  constructor(core: ResourceCore, data: UserObject, sessionId: string | null) {
    this.#core = core;
    this.#sessionId = sessionId;
    this.id = data.id;
    this.externalId = data.external_id;
    this.username = data.username;
    this.firstName = data.first_name;
    this.lastName = data.last_name;
    this.imageUrl = data.image_url;
    this.hasImage = data.has_image;
    this.primaryEmailAddressId = data.primary_email_address_id;
    this.emailAddresses = data.email_addresses.map((e) => new EmailAddress(core, e, sessionId));
    this.primaryPhoneNumberId = data.primary_phone_number_id;
    this.phoneNumbers = data.phone_numbers.map((p) => new PhoneNumber(core, p, sessionId));
    this.passkeys = (data.passkeys as PasskeyObject[]).map((p) => new Passkey(core, p, sessionId));
    this.externalAccounts = (data.external_accounts ?? []).map((a) => new ExternalAccount(core, a, sessionId));
    this.passwordEnabled = data.password_enabled;
    this.twoFactorEnabled = data.two_factor_enabled;
    this.totpEnabled = data.totp_enabled;
    this.backupCodeEnabled = data.backup_code_enabled;
    this.publicMetadata = data.public_metadata;
    this.unsafeMetadata = data.unsafe_metadata;
    this.banned = data.banned;
    this.locked = data.locked;
    this.deleteSelfEnabled = data.delete_self_enabled;
    this.lastSignInAt = toDate(data.last_sign_in_at);
    this.lastActiveAt = toDate(data.last_active_at);
    this.passwordLastUpdatedAt = toDate(data.password_last_updated_at);
    this.createdAt = new Date(data.created_at);
    this.updatedAt = new Date(data.updated_at);
  }

  get primaryEmailAddress(): EmailAddress | null {
    return this.emailAddresses.find((e) => e.id === this.primaryEmailAddressId) ?? null;
  }

  get primaryPhoneNumber(): PhoneNumber | null {
    return this.phoneNumbers.find((p) => p.id === this.primaryPhoneNumberId) ?? null;
  }

  get verifiedExternalAccounts(): ExternalAccount[] {
    return this.externalAccounts.filter((a) => a.isVerified);
  }

  get unverifiedExternalAccounts(): ExternalAccount[] {
    return this.externalAccounts.filter((a) => !a.isVerified);
  }

  /** "First Last", or whichever of the two is set, or null. */
  get fullName(): string | null {
    return [this.firstName, this.lastName].filter(Boolean).join(' ') || null;
  }

  #me<T>(method: 'GET' | 'PATCH' | 'POST' | 'DELETE', path: string, body?: Record<string, unknown>) {
    return this.#core.fetch<T>({ method, path, query: meQuery(this.#sessionId), ...(body && { body }) });
  }

  #user = (data: UserObject) => new User(this.#core, data, this.#sessionId);

  /** @example await user.update({ firstName: 'Ada' }) */
  async update(params: UpdateUserParams): Promise<User> {
    return this.#user(
      await this.#me<UserObject>('PATCH', '/v1/me', {
        first_name: params.firstName,
        last_name: params.lastName,
        username: params.username,
        unsafe_metadata: params.unsafeMetadata,
      }),
    );
  }

  async updatePassword(params: UpdatePasswordParams): Promise<User> {
    return this.#user(
      await this.#me<UserObject>('POST', '/v1/me/change_password', {
        current_password: params.currentPassword,
        new_password: params.newPassword,
        sign_out_of_other_sessions: params.signOutOfOtherSessions,
      }),
    );
  }

  async reload(): Promise<User> {
    return this.#user(await this.#me<UserObject>('GET', '/v1/me'));
  }

  /** Deletes the account; the client is signed out. */
  delete(): Promise<DeletedObject> {
    return this.#me<DeletedObject>('DELETE', '/v1/me');
  }

  /** The user's active sessions on every device. */
  async getSessions(): Promise<SessionWithActivities[]> {
    const list = await this.#me<ClientSessionObject[]>('GET', '/v1/me/sessions');
    return list.map((s) => new SessionWithActivities(this.#core, s));
  }

  /** Adds an unverified address; then `prepareVerification()` and `attemptVerification({ code })`. */
  async createEmailAddress(params: { email: string }): Promise<EmailAddress> {
    const data = await this.#me<EmailAddressObject>('POST', '/v1/me/email_addresses', { email_address: params.email });
    return new EmailAddress(this.#core, data, this.#sessionId);
  }

  async getEmailAddresses(): Promise<EmailAddress[]> {
    const list = await this.#me<EmailAddressObject[]>('GET', '/v1/me/email_addresses');
    return list.map((e) => new EmailAddress(this.#core, e, this.#sessionId));
  }

  /**
   * Adds an unverified number (international format, stored as E.164); then
   * `prepareVerification()` and `attemptVerification({ code })`.
   * @example const phone = await user.createPhoneNumber({ phoneNumber: '+14155550123' })
   */
  async createPhoneNumber(params: { phoneNumber: string }): Promise<PhoneNumber> {
    const data = await this.#me<PhoneNumberObject>('POST', '/v1/me/phone_numbers', {
      phone_number: params.phoneNumber,
    });
    return new PhoneNumber(this.#core, data, this.#sessionId);
  }

  /**
   * Connects a social account: the answer's `verification.externalVerificationRedirectURL` is
   * the provider's page to send the browser to; back at `redirectUrl` (default: this page) the
   * account is connected (`user.externalAccounts`), or its verification carries the error.
   * @example
   * const account = await user.createExternalAccount({ strategy: 'oauth_github', redirectUrl: '/account' })
   * location.assign(account.verification!.externalVerificationRedirectURL!.href)
   */
  async createExternalAccount(params: CreateExternalAccountParams): Promise<ExternalAccount> {
    const data = await this.#me<ExternalAccountObject>('POST', '/v1/me/external_accounts', {
      strategy: params.strategy,
      ...connectBody(params),
    });
    return new ExternalAccount(this.#core, data, this.#sessionId);
  }

  /**
   * Adds a passkey: the browser asks the user to create one (Touch ID, Windows Hello, a
   * security key, a phone), and the server stores it. Needs `auth.passkey.enabled`.
   * @example const passkey = await user.createPasskey()
   */
  createPasskey(): Promise<Passkey> {
    return Passkey.create(this.#core, this.#sessionId);
  }

  /** @example const passkeys = await user.getPasskeys() */
  async getPasskeys(): Promise<Passkey[]> {
    const list = await this.#core.fetch<PasskeyObject[]>({
      method: 'GET',
      path: '/v1/me/passkeys',
      query: meQuery(this.#sessionId),
    });
    return list.map((p) => new Passkey(this.#core, p, this.#sessionId));
  }

  /**
   * Starts setting up an authenticator app: the secret and `otpauth://` URI to show (as a QR
   * code); confirm with `verifyTOTP({ code })`.
   * @example const totp = await user.createTOTP(); showQr(totp.uri)
   */
  async createTOTP(): Promise<TOTP> {
    return new TOTP(await this.#me<TotpObject>('POST', '/v1/me/totp', {}));
  }

  /** Confirms the authenticator app with a code from it; the result holds the ten backup codes, once. */
  async verifyTOTP(params: { code: string }): Promise<TOTP> {
    return new TOTP(await this.#me<TotpObject>('POST', '/v1/me/totp/attempt_verification', { code: params.code }));
  }

  /** Removes the authenticator app. */
  disableTOTP(): Promise<DeletedObject> {
    return this.#me<DeletedObject>('DELETE', '/v1/me/totp');
  }

  /** Replaces the backup codes with ten new ones (the old ones stop working). */
  async createBackupCode(): Promise<BackupCode> {
    return new BackupCode(await this.#me<BackupCodeObject>('POST', '/v1/me/backup_codes', {}));
  }

  async getPhoneNumbers(): Promise<PhoneNumber[]> {
    const list = await this.#me<PhoneNumberObject[]>('GET', '/v1/me/phone_numbers');
    return list.map((p) => new PhoneNumber(this.#core, p, this.#sessionId));
  }
}
