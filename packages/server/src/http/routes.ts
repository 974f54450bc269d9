/** Every path the server serves, in one table (route files and tests use these constants). */
export const ROUTES = {
  health: '/healthz',
  openapi: '/v1/openapi.json',
  frontend: {
    jwks: '/.well-known/jwks.json',
    environment: '/v1/environment',
    client: '/v1/client',
    handshake: '/v1/client/handshake',
    /** The "This wasn't me" link of a new-device email. */
    unauthorizedSignIn: '/v1/unauthorized_sign_in',
    /** A sign-in link (`email_link`) of a magic-link email. */
    verifyEmailLink: '/v1/verify',
    /** Where social providers send the browser back (the redirect URI registered with them). */
    oauthCallback: '/v1/oauth_callback',
    providerLogo: '/v1/oauth_logos/:file',
    signIns: {
      create: '/v1/client/sign_ins',
      get: '/v1/client/sign_ins/:sign_in_id',
      prepareFirstFactor: '/v1/client/sign_ins/:sign_in_id/prepare_first_factor',
      attemptFirstFactor: '/v1/client/sign_ins/:sign_in_id/attempt_first_factor',
      prepareSecondFactor: '/v1/client/sign_ins/:sign_in_id/prepare_second_factor',
      attemptSecondFactor: '/v1/client/sign_ins/:sign_in_id/attempt_second_factor',
      resetPassword: '/v1/client/sign_ins/:sign_in_id/reset_password',
    },
    signUps: {
      create: '/v1/client/sign_ups',
      get: '/v1/client/sign_ups/:sign_up_id',
      update: '/v1/client/sign_ups/:sign_up_id',
      prepareVerification: '/v1/client/sign_ups/:sign_up_id/prepare_verification',
      attemptVerification: '/v1/client/sign_ups/:sign_up_id/attempt_verification',
      /** An ALTCHA challenge to solve before creating a sign-up, when bot protection uses ALTCHA. */
      challenge: '/v1/client/sign_ups/challenge',
    },
    sessions: {
      all: '/v1/client/sessions',
      get: '/v1/client/sessions/:session_id',
      tokens: '/v1/client/sessions/:session_id/tokens',
      touch: '/v1/client/sessions/:session_id/touch',
      end: '/v1/client/sessions/:session_id/end',
      remove: '/v1/client/sessions/:session_id/remove',
      /** Reverification (step-up): start, then prepare/attempt a factor. */
      verify: '/v1/client/sessions/:session_id/verify',
      prepareFirstFactorVerification: '/v1/client/sessions/:session_id/verify/prepare_first_factor',
      attemptFirstFactorVerification: '/v1/client/sessions/:session_id/verify/attempt_first_factor',
      prepareSecondFactorVerification: '/v1/client/sessions/:session_id/verify/prepare_second_factor',
      attemptSecondFactorVerification: '/v1/client/sessions/:session_id/verify/attempt_second_factor',
    },
    me: {
      self: '/v1/me',
      changePassword: '/v1/me/change_password',
      sessions: '/v1/me/sessions',
      revokeSession: '/v1/me/sessions/:session_id/revoke',
      emailAddresses: {
        list: '/v1/me/email_addresses',
        create: '/v1/me/email_addresses',
        one: '/v1/me/email_addresses/:email_address_id',
        prepareVerification: '/v1/me/email_addresses/:email_address_id/prepare_verification',
        attemptVerification: '/v1/me/email_addresses/:email_address_id/attempt_verification',
      },
      passkeys: {
        create: '/v1/me/passkeys',
        list: '/v1/me/passkeys',
        one: '/v1/me/passkeys/:passkey_id',
        attemptVerification: '/v1/me/passkeys/:passkey_id/attempt_verification',
      },
      phoneNumbers: {
        list: '/v1/me/phone_numbers',
        create: '/v1/me/phone_numbers',
        one: '/v1/me/phone_numbers/:phone_number_id',
        prepareVerification: '/v1/me/phone_numbers/:phone_number_id/prepare_verification',
        attemptVerification: '/v1/me/phone_numbers/:phone_number_id/attempt_verification',
      },
      externalAccounts: {
        create: '/v1/me/external_accounts',
        one: '/v1/me/external_accounts/:external_account_id',
        reauthorize: '/v1/me/external_accounts/:external_account_id/reauthorize',
      },
      totp: '/v1/me/totp',
      totpAttemptVerification: '/v1/me/totp/attempt_verification',
      backupCodes: '/v1/me/backup_codes',
    },
  },
  /** The hosted Account Portal (HTML pages and their built assets), on the Frontend API host. */
  portal: {
    signIn: '/sign-in',
    signUp: '/sign-up',
    userProfile: '/user',
    assets: '/portal/assets/*',
    /** Any other GET: the confirmation page when it is the instance's `unauthorized_sign_in_path`, else 404. */
    configuredPage: '/*',
  },
  backend: {
    jwks: '/v1/jwks',
    users: {
      list: '/v1/users',
      count: '/v1/users/count',
      one: '/v1/users/:user_id',
      ban: '/v1/users/:user_id/ban',
      unban: '/v1/users/:user_id/unban',
      lock: '/v1/users/:user_id/lock',
      unlock: '/v1/users/:user_id/unlock',
      mfa: '/v1/users/:user_id/mfa',
      totp: '/v1/users/:user_id/totp',
      backupCode: '/v1/users/:user_id/backup_code',
      verifyTotp: '/v1/users/:user_id/verify_totp',
      verifyPassword: '/v1/users/:user_id/verify_password',
      externalAccount: '/v1/users/:user_id/external_accounts/:external_account_id',
      oauthAccessTokens: '/v1/users/:user_id/oauth_access_tokens/:provider',
    },
    sessions: {
      list: '/v1/sessions',
      one: '/v1/sessions/:session_id',
      revoke: '/v1/sessions/:session_id/revoke',
      tokens: '/v1/sessions/:session_id/tokens',
    },
    clients: {
      verify: '/v1/clients/verify',
      one: '/v1/clients/:client_id',
    },
    instance: {
      self: '/v1/instance',
      settings: '/v1/instance/settings',
      rotateSigningKey: '/v1/instance/signing_keys/rotate',
    },
    secretKeys: {
      list: '/v1/secret_keys',
      one: '/v1/secret_keys/:secret_key_id',
    },
    devEmails: '/v1/dev/emails',
    devSms: '/v1/dev/sms',
    phoneNumbers: {
      create: '/v1/phone_numbers',
      one: '/v1/phone_numbers/:phone_number_id',
    },
    emailTemplates: {
      list: '/v1/templates/email',
      one: '/v1/templates/email/:slug',
      preview: '/v1/templates/email/:slug/preview',
      revert: '/v1/templates/email/:slug/revert',
    },
    allowlistIdentifiers: {
      list: '/v1/allowlist_identifiers',
      one: '/v1/allowlist_identifiers/:identifier_id',
    },
    blocklistIdentifiers: {
      list: '/v1/blocklist_identifiers',
      one: '/v1/blocklist_identifiers/:identifier_id',
    },
  },
} as const;

/** `/v1/users/:user_id` → `/v1/users/{user_id}`, for docs and clients. */
export const toOpenApiPath = (p: string): string => p.replace(/:([a-z_]+)/g, '{$1}');
