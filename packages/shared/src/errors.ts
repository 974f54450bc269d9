/**
 * The one registry of error codes Gatehouse puts on the wire.
 *
 * Codes are stable identifiers: never rename one, add a new code and retire the old.
 * Each entry holds the HTTP status and the public, user-facing message. Internal
 * causes travel in `GatehouseError.cause` and never reach a response.
 */
export const ERRORS = {
  // Request shape
  form_param_missing: { status: 422, message: 'A required parameter is missing.' },
  form_param_format_invalid: { status: 422, message: 'A parameter has an invalid format.' },
  form_param_unknown: { status: 422, message: 'The request contains an unknown parameter.' },
  form_param_value_invalid: { status: 422, message: 'A parameter has an invalid value.' },
  request_body_invalid: { status: 400, message: 'The request body could not be parsed.' },
  request_body_too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'The request content type is not supported.' },
  resource_not_found: { status: 404, message: 'The requested resource was not found.' },
  method_not_allowed: { status: 405, message: 'This method is not allowed on this resource.' },

  // Authentication of the caller
  authentication_invalid: { status: 401, message: 'Authentication is invalid.' },
  authorization_header_missing: { status: 401, message: 'The Authorization header is missing.' },
  secret_key_invalid: { status: 401, message: 'The secret key is invalid or revoked.' },
  client_not_found: { status: 401, message: 'No client was found for this request.' },
  instance_not_found: { status: 404, message: 'No instance serves this host.' },
  origin_invalid: { status: 403, message: 'The request origin is not allowed.' },
  redirect_url_invalid: { status: 400, message: 'The redirect URL is not allowed for this application.' },
  dev_instance_only: { status: 403, message: 'This endpoint is only available on development instances.' },

  // Identifiers and forms
  form_identifier_not_found: { status: 422, message: "Couldn't find your account." },
  form_identifier_exists: { status: 422, message: 'That email address is taken. Please try another.' },
  form_username_exists: { status: 422, message: 'That username is taken. Please try another.' },
  form_password_incorrect: { status: 422, message: 'Password is incorrect. Try again, or use another method.' },
  form_password_or_identifier_incorrect: {
    status: 422,
    message: 'Password or identifier is incorrect. Try again, or use another method.',
  },
  form_password_length_too_short: { status: 422, message: 'Your password is too short.' },
  form_password_length_too_long: { status: 422, message: 'Your password is too long.' },
  form_password_not_set: { status: 422, message: 'This account has no password.' },
  form_password_not_strong_enough: {
    status: 422,
    message: 'Your password is not strong enough.',
  },
  form_password_pwned: {
    status: 422,
    message: 'This password has been found in a data breach and cannot be used. Please choose a different password.',
  },
  form_email_address_blocked: { status: 422, message: 'This email address cannot be used. Try another.' },
  not_allowed_access: { status: 403, message: 'This identifier is not allowed to access this application.' },
  captcha_invalid: { status: 400, message: 'The bot-protection challenge failed. Try again.' },
  duplicate_record: { status: 409, message: 'This record already exists.' },
  form_email_address_invalid: { status: 422, message: 'Email address must be a valid email address.' },
  form_username_invalid: { status: 422, message: 'Username is invalid.' },
  form_code_incorrect: { status: 422, message: 'Incorrect code.' },
  form_code_missing: { status: 422, message: 'Enter the code.' },
  phone_number_country_not_allowed: {
    status: 422,
    message: 'Phone numbers from this country are not supported. Try another number.',
  },

  // Flows and verifications
  strategy_not_allowed: { status: 422, message: 'This verification strategy is not allowed.' },
  strategy_for_user_invalid: { status: 422, message: 'This strategy cannot be used for this account.' },
  verification_not_prepared: { status: 422, message: 'Request a verification code first.' },
  verification_expired: { status: 422, message: 'This verification has expired. Request a new code.' },
  verification_failed: { status: 422, message: 'Too many failed attempts. Request a new code.' },
  totp_already_enabled: { status: 422, message: 'An authenticator app is already set up. Remove it first.' },
  totp_not_enabled: { status: 400, message: 'This user has no authenticator app or backup codes set up.' },
  second_factor_not_allowed: { status: 422, message: 'This second factor is not enabled for this application.' },
  session_task_pending: {
    status: 401,
    message: 'Finish setting up your account first.',
  },
  verification_already_verified: { status: 422, message: 'This has already been verified.' },
  sign_in_not_found: { status: 404, message: 'This sign-in was not found.' },
  sign_in_expired: { status: 400, message: 'This sign-in has expired. Start again.' },
  sign_in_invalid_status: { status: 400, message: 'This sign-in cannot take this step now.' },
  sign_up_not_found: { status: 404, message: 'This sign-up was not found.' },
  sign_up_expired: { status: 400, message: 'This sign-up has expired. Start again.' },
  sign_up_invalid_status: { status: 400, message: 'This sign-up cannot take this step now.' },
  sign_up_disabled: { status: 403, message: 'Sign-ups are disabled for this application.' },
  session_exists: { status: 400, message: "You're already signed in." },
  flow_conflict: { status: 409, message: 'This step was taken by another request at the same time. Try again.' },

  // Users
  user_not_found: { status: 404, message: 'The user was not found.' },
  user_banned: { status: 403, message: 'This account is banned.' },
  user_locked: { status: 403, message: 'This account is locked. Try again later.' },
  password_digest_invalid: { status: 422, message: 'The password digest is not a supported hash.' },
  primary_email_address_not_deletable: {
    status: 422,
    message: 'Your primary email address cannot be removed. Make another address primary first.',
  },
  identification_deletion_failed: { status: 422, message: 'Your last verified email address cannot be removed.' },

  // Sessions and tokens
  session_not_found: { status: 404, message: 'The session was not found.' },
  session_not_active: { status: 401, message: 'This session is no longer active.' },
  session_expired: { status: 401, message: 'This session has expired. Sign in again.' },
  signed_out: { status: 401, message: "You're signed out." },
  client_token_invalid: { status: 401, message: 'The client token is invalid.' },
  session_reverification_required: {
    status: 403,
    message: 'You need to verify your identity again to do this.',
  },
  session_verification_not_started: { status: 400, message: 'Start verifying this session first.' },

  // Passkeys (WebAuthn)
  passkey_not_found: { status: 404, message: 'The passkey was not found.' },
  passkey_registration_failed: {
    status: 422,
    message: 'The passkey could not be added. Try again, or use another authenticator.',
  },
  passkey_already_registered: { status: 422, message: 'This passkey is already registered.' },
  passkey_verification_failed: { status: 422, message: 'The passkey could not be verified.' },

  // Social sign-in (OAuth 2.0 / OpenID Connect)
  oauth_access_denied: { status: 422, message: 'You cancelled signing in with the provider, or it refused access.' },
  oauth_callback_invalid: {
    status: 400,
    message: 'This sign-in link from the provider is invalid, expired or already used. Start again.',
  },
  oauth_provider_error: { status: 502, message: 'The provider could not complete the sign-in. Try again later.' },
  oauth_provider_not_configured: {
    status: 422,
    message: 'This provider is not set up for this application.',
  },
  external_account_not_found: { status: 404, message: 'No account is connected to this provider account.' },
  external_account_exists: {
    status: 422,
    message: 'This provider account is already connected to another account.',
  },
  external_account_last_sign_in_method: {
    status: 422,
    message: 'This is your only way to sign in: add a password or another method before disconnecting it.',
  },
  external_account_token_unavailable: {
    status: 404,
    message: 'No usable provider token is stored for this account. The user must connect the provider again.',
  },

  // Keys and instances
  secret_key_not_found: { status: 404, message: 'The secret key was not found.' },
  secret_key_last_active: { status: 422, message: 'The last active secret key cannot be revoked.' },
  instance_settings_invalid: { status: 422, message: 'The instance settings are invalid.' },

  // Platform
  too_many_requests: { status: 429, message: 'Too many requests. Please try again in a bit.' },
  geo_blocked: { status: 403, message: 'Access from your location is not allowed for this application.' },
  email_template_not_found: { status: 404, message: 'There is no email template with this slug.' },
  email_template_invalid: { status: 422, message: 'The email template has a syntax error.' },
  email_delivery_failed: { status: 503, message: 'The email could not be sent. Try again later.' },
  sms_delivery_failed: { status: 503, message: 'The text message could not be sent. Try again later.' },
  server_busy: { status: 503, message: 'The server is busy. Try again in a moment.' },
  account_portal_unavailable: { status: 503, message: 'The Account Portal is not available on this server.' },
  internal_error: { status: 500, message: 'Something went wrong on our side. Try again later.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorOptions {
  /** A longer, user-facing explanation. Defaults to the message. */
  longMessage?: string;
  /** Machine-readable details, e.g. `{ param_name: 'password' }`. Public. */
  meta?: Record<string, unknown>;
  /** The internal cause, for logs only. */
  cause?: unknown;
  /** Overrides the registry status, for the rare code shared by two statuses. */
  status?: number;
}

/** The error every layer throws; `http/errors.ts` is the only place that renders it. */
export class GatehouseError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly longMessage: string;
  readonly meta: Record<string, unknown>;

  constructor(code: ErrorCode, opts: ErrorOptions = {}) {
    super(ERRORS[code].message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'GatehouseError';
    this.code = code;
    this.status = opts.status ?? ERRORS[code].status;
    this.longMessage = opts.longMessage ?? ERRORS[code].message;
    this.meta = opts.meta ?? {};
  }
}

export const isGatehouseError = (e: unknown): e is GatehouseError => e instanceof GatehouseError;

/** One entry of the wire error format. */
export interface WireError {
  code: ErrorCode;
  message: string;
  long_message: string;
  meta: Record<string, unknown>;
}

export const toWireError = (e: GatehouseError): WireError => ({
  code: e.code,
  message: e.message,
  long_message: e.longMessage,
  meta: e.meta,
});
