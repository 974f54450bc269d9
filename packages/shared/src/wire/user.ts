import { type Static, Type } from 'typebox';
import { Metadata, Nullable, Timestamp, Verification } from './common.ts';
import { ExternalAccountObject } from './external-account.ts';
import { PhoneNumberObject } from './phone-number.ts';

export const EmailAddressObject = Type.Object(
  {
    id: Type.String(),
    object: Type.Literal('email_address'),
    email_address: Type.String(),
    reserved: Type.Boolean(),
    verification: Nullable(Verification),
    linked_to: Type.Array(Type.Object({ type: Type.String(), id: Type.String() })),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: 'EmailAddress' },
);

/**
 * A user, in Clerk's shape. Factors Gatehouse does not have yet (web3, passkeys,
 * external accounts) are present as empty lists so Clerk's SDKs read the object unchanged.
 * `private_metadata` is only present on the Backend API.
 */
export const UserObject = Type.Object(
  {
    id: Type.String(),
    object: Type.Literal('user'),
    external_id: Nullable(Type.String()),
    username: Nullable(Type.String()),
    first_name: Nullable(Type.String()),
    last_name: Nullable(Type.String()),
    image_url: Type.String(),
    has_image: Type.Boolean(),
    primary_email_address_id: Nullable(Type.String()),
    primary_phone_number_id: Nullable(Type.String()),
    primary_web3_wallet_id: Nullable(Type.String()),
    password_enabled: Type.Boolean(),
    two_factor_enabled: Type.Boolean(),
    totp_enabled: Type.Boolean(),
    backup_code_enabled: Type.Boolean(),
    email_addresses: Type.Array(EmailAddressObject),
    phone_numbers: Type.Array(PhoneNumberObject),
    web3_wallets: Type.Array(Type.Unknown()),
    passkeys: Type.Array(Type.Unknown()),
    external_accounts: Type.Array(ExternalAccountObject),
    saml_accounts: Type.Array(Type.Unknown()),
    enterprise_accounts: Type.Array(Type.Unknown()),
    public_metadata: Metadata,
    private_metadata: Type.Optional(Metadata),
    unsafe_metadata: Metadata,
    password_last_updated_at: Nullable(Timestamp),
    last_sign_in_at: Nullable(Timestamp),
    last_active_at: Nullable(Timestamp),
    banned: Type.Boolean(),
    locked: Type.Boolean(),
    lockout_expires_in_seconds: Nullable(Type.Integer()),
    verification_attempts_remaining: Nullable(Type.Integer()),
    mfa_enabled_at: Nullable(Timestamp),
    mfa_disabled_at: Nullable(Timestamp),
    delete_self_enabled: Type.Boolean(),
    create_organization_enabled: Type.Boolean(),
    legal_accepted_at: Nullable(Timestamp),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: 'User' },
);

export type UserObject = Static<typeof UserObject>;
export type EmailAddressObject = Static<typeof EmailAddressObject>;
