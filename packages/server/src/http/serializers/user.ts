import type { EmailAddressObject, UserObject } from '@gatehouse/shared/wire';
import { twoFactorEnabled } from '../../domain/mfa/second-factors.ts';
import { attemptsRemaining, type LockoutPolicy } from '../../domain/users/lockout.ts';
import { type EmailAddress, isLocked, lockoutSecondsLeft, type User } from '../../domain/users/user.ts';
import { externalAccountView } from './external-account.ts';
import { phoneNumberView } from './phone-number.ts';

/**
 * An email address in Clerk's shape. `verification` is null until a code is asked for (an
 * address just added to a profile); `sent` is the code just mailed, for the prepare response.
 */
export const emailAddressView = (e: EmailAddress, sent?: { expireAt: number }): EmailAddressObject => ({
  id: e.id,
  object: 'email_address',
  email_address: e.emailAddress,
  reserved: false,
  verification:
    e.verificationStatus === 'unverified' && e.verificationStrategy === null
      ? null
      : {
          object: e.verificationStrategy === 'admin' ? 'verification_admin' : 'verification_otp',
          status: e.verificationStatus,
          strategy: e.verificationStrategy ?? 'email_code',
          attempts: sent ? 0 : null,
          expire_at: sent ? sent.expireAt : null,
        },
  linked_to: [],
  created_at: e.createdAt,
  updated_at: e.updatedAt,
});

/** A user in Clerk's shape; `private_metadata` only for the Backend API. */
export function userView(u: User, now: number, opts: { includePrivate: boolean; lockout?: LockoutPolicy }): UserObject {
  return {
    id: u.id,
    object: 'user',
    external_id: null,
    username: u.username,
    first_name: u.firstName,
    last_name: u.lastName,
    image_url: '',
    has_image: false,
    primary_email_address_id: u.primaryEmailAddressId,
    primary_phone_number_id: u.primaryPhoneNumberId ?? null,
    primary_web3_wallet_id: null,
    password_enabled: u.passwordDigest !== null,
    two_factor_enabled: twoFactorEnabled(u),
    totp_enabled: u.totpEnabled === true,
    backup_code_enabled: u.backupCodeEnabled === true,
    email_addresses: u.emailAddresses.map((e) => emailAddressView(e)),
    phone_numbers: (u.phoneNumbers ?? []).map((p) => phoneNumberView(p)),
    web3_wallets: [],
    passkeys: [],
    external_accounts: (u.externalAccounts ?? []).map((a) => externalAccountView(a)),
    saml_accounts: [],
    enterprise_accounts: [],
    public_metadata: u.publicMetadata,
    ...(opts.includePrivate && { private_metadata: u.privateMetadata }),
    unsafe_metadata: u.unsafeMetadata,
    password_last_updated_at: u.passwordUpdatedAt,
    last_sign_in_at: u.lastSignInAt,
    last_active_at: u.lastActiveAt,
    banned: u.banned,
    locked: isLocked(u, now),
    lockout_expires_in_seconds: lockoutSecondsLeft(u, now),
    verification_attempts_remaining: opts.lockout ? attemptsRemaining(u, opts.lockout, now) : null,
    mfa_enabled_at: null,
    mfa_disabled_at: null,
    delete_self_enabled: true,
    create_organization_enabled: false,
    legal_accepted_at: null,
    created_at: u.createdAt,
    updated_at: u.updatedAt,
  };
}
