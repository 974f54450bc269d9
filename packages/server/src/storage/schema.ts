/**
 * The one Kysely schema, shared by SQLite and PostgreSQL.
 *
 * Conventions that keep the two dialects identical:
 * - timestamps are integer milliseconds since the epoch (`bigint` columns read as numbers);
 * - flags are integers 0/1; JSON documents are text;
 * - every row carries `instance_id`, and every query filters on it.
 */
export interface InstancesTable {
  id: string;
  name: string;
  environment: 'development' | 'production';
  frontend_api_url: string;
  frontend_api_host: string;
  settings: string;
  created_at: number;
  updated_at: number;
}

export interface SecretKeysTable {
  id: string;
  instance_id: string;
  key_hash: string;
  last4: string;
  name: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface SigningKeysTable {
  kid: string;
  instance_id: string;
  alg: 'ES256' | 'RS256';
  public_jwk: string;
  private_jwk: string;
  status: 'active' | 'retired';
  created_at: number;
  retired_at: number | null;
  publish_until: number | null;
}

export interface UsersTable {
  id: string;
  instance_id: string;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  password_digest: string | null;
  primary_email_address_id: string | null;
  /** Added by the phone-numbers migration. */
  primary_phone_number_id: string | null;
  public_metadata: string;
  private_metadata: string;
  unsafe_metadata: string;
  banned: number;
  locked: number;
  lockout_expires_at: number | null;
  failed_verification_attempts: number;
  last_sign_in_at: number | null;
  last_active_at: number | null;
  password_updated_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface EmailAddressesTable {
  id: string;
  instance_id: string;
  user_id: string;
  email_address: string;
  verification_status: 'verified' | 'unverified';
  verification_strategy: string | null;
  verified_at: number | null;
  /** 1 when the address is unique in the instance and signs in (see the claimed-email-addresses migration). */
  claimed: number;
  created_at: number;
  updated_at: number;
}

export interface ClientsTable {
  id: string;
  instance_id: string;
  token_hash: string;
  last_active_session_id: string | null;
  sign_in_id: string | null;
  sign_up_id: string | null;
  created_at: number;
  updated_at: number;
}

/** The device a session was created on; null on sessions older than the session-activity migration. */
export interface SessionActivityColumns {
  browser_name: string | null;
  browser_version: string | null;
  os_name: string | null;
  device_type: 'desktop' | 'mobile' | 'tablet' | null;
  ip_address: string | null;
  city: string | null;
  country: string | null;
  origin: 'sign_in' | 'sign_up' | null;
}

/** The level a session is re-verifying at; null when no verification was started. */
export interface SessionVerificationColumns {
  verification_level: 'first_factor' | 'second_factor' | 'multi_factor' | null;
}

/** 1 once the session's user was found to have a second factor (`domain/mfa/pending-session.ts`). */
export interface SessionMfaColumns {
  mfa_ready: number;
}

export interface SessionsTable extends SessionActivityColumns, SessionVerificationColumns, SessionMfaColumns {
  id: string;
  instance_id: string;
  client_id: string;
  user_id: string;
  status: 'active' | 'ended' | 'expired' | 'removed' | 'revoked' | 'abandoned';
  last_active_at: number;
  expire_at: number;
  first_factor_verified_at: number;
  second_factor_verified_at: number | null;
  sign_in_method: string;
  ended_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface SignInsTable {
  id: string;
  instance_id: string;
  client_id: string;
  status: string;
  identifier: string | null;
  user_id: string | null;
  first_factor_verification: string | null;
  second_factor_verification: string | null;
  created_session_id: string | null;
  pending_external_account: string | null;
  expires_at: number;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface SignUpsTable {
  id: string;
  instance_id: string;
  client_id: string;
  status: string;
  email_address: string | null;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  password_digest: string | null;
  unsafe_metadata: string;
  email_verification: string | null;
  external_account_verification: string | null;
  created_user_id: string | null;
  created_session_id: string | null;
  expires_at: number;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface VerificationCodesTable {
  id: string;
  instance_id: string;
  subject_id: string;
  purpose: string;
  code_hash: string;
  attempts: number;
  max_attempts: number;
  expires_at: number;
  consumed_at: number | null;
  created_at: number;
}

export interface DevEmailsTable {
  id: string;
  instance_id: string;
  to_address: string;
  from_address: string;
  subject: string;
  html: string;
  text: string;
  template: string;
  created_at: number;
}

export interface IdentifierRestrictionsTable {
  id: string;
  instance_id: string;
  list: 'allowlist' | 'blocklist';
  identifier: string;
  identifier_type: 'email_address' | 'phone_number';
  created_at: number;
  updated_at: number;
}

export interface IdentifierLockoutsTable {
  identifier_hash: string;
  instance_id: string;
  failed_attempts: number;
  locked: number;
  lockout_expires_at: number | null;
  expires_at: number | null;
}

export interface CaptchaRedemptionsTable {
  instance_id: string;
  solution_hash: string;
  expires_at: number;
}

export interface PasskeysTable {
  id: string;
  instance_id: string;
  user_id: string;
  name: string;
  credential_id: string | null;
  public_key: string | null;
  counter: number;
  transports: string;
  verified_at: number | null;
  last_used_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface EmailLinkTokensTable {
  token_hash: string;
  instance_id: string;
  sign_in_id: string;
  client_id: string;
  redirect_url: string;
  expires_at: number;
  consumed_at: number | null;
  created_at: number;
}

export interface UnauthorizedSignInLinksTable {
  token_hash: string;
  instance_id: string;
  user_id: string;
  session_id: string;
  expires_at: number;
  consumed_at: number | null;
  created_at: number;
}

export interface EmailTemplatesTable {
  instance_id: string;
  slug: string;
  subject: string;
  html: string;
  text: string;
  created_at: number;
  updated_at: number;
}

export interface PhoneNumbersTable {
  id: string;
  instance_id: string;
  user_id: string;
  /** E.164. */
  phone_number: string;
  verification_status: 'verified' | 'unverified';
  verification_strategy: string | null;
  verified_at: number | null;
  /** 1 once verified: unique in the instance (as `email_addresses.claimed`). */
  claimed: number;
  reserved_for_second_factor: number;
  default_second_factor: number;
  created_at: number;
  updated_at: number;
}

export interface DevSmsTable {
  id: string;
  instance_id: string;
  to_number: string;
  body: string;
  template: string;
  created_at: number;
}

/** A user's TOTP authenticator (see the mfa migration). */
export interface UserTotpsTable {
  id: string;
  instance_id: string;
  user_id: string;
  /** Compact JWE of the base32 secret. */
  secret_encrypted: string;
  verified: number;
  last_used_step: number;
  created_at: number;
  updated_at: number;
}

export interface BackupCodesTable {
  id: string;
  instance_id: string;
  user_id: string;
  code_hash: string;
  consumed_at: number | null;
  created_at: number;
}

export interface Database {
  instances: InstancesTable;
  secret_keys: SecretKeysTable;
  signing_keys: SigningKeysTable;
  users: UsersTable;
  email_addresses: EmailAddressesTable;
  clients: ClientsTable;
  sessions: SessionsTable;
  sign_ins: SignInsTable;
  sign_ups: SignUpsTable;
  verification_codes: VerificationCodesTable;
  dev_emails: DevEmailsTable;
  identifier_restrictions: IdentifierRestrictionsTable;
  captcha_redemptions: CaptchaRedemptionsTable;
  identifier_lockouts: IdentifierLockoutsTable;
  unauthorized_sign_in_links: UnauthorizedSignInLinksTable;
  email_link_tokens: EmailLinkTokensTable;
  passkeys: PasskeysTable;
  email_templates: EmailTemplatesTable;
  phone_numbers: PhoneNumbersTable;
  dev_sms: DevSmsTable;
  user_totps: UserTotpsTable;
  backup_codes: BackupCodesTable;
  external_accounts: ExternalAccountsTable;
  oauth_states: OAuthStatesTable;
}

export interface ExternalAccountsTable {
  id: string;
  instance_id: string;
  user_id: string;
  provider: string;
  provider_user_id: string | null;
  email_address: string;
  email_verified: number;
  first_name: string;
  last_name: string;
  username: string | null;
  image_url: string;
  approved_scopes: string;
  verification_status: string;
  verification_error: string | null;
  access_token: string | null;
  refresh_token: string | null;
  id_token: string | null;
  token_expires_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface OAuthStatesTable {
  token_hash: string;
  instance_id: string;
  client_id: string;
  flow: string;
  flow_id: string;
  strategy: string;
  code_verifier: string;
  nonce: string;
  redirect_url: string;
  action_complete_redirect_url: string | null;
  expires_at: number;
  consumed_at: number | null;
  created_at: number;
}
