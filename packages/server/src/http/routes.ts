/** Every path the server serves, in one table (route files and tests use these constants). */
export const ROUTES = {
  health: '/healthz',
  openapi: '/v1/openapi.json',
  frontend: {
    jwks: '/.well-known/jwks.json',
    environment: '/v1/environment',
    client: '/v1/client',
    handshake: '/v1/client/handshake',
    signIns: {
      create: '/v1/client/sign_ins',
      get: '/v1/client/sign_ins/:sign_in_id',
      attemptFirstFactor: '/v1/client/sign_ins/:sign_in_id/attempt_first_factor',
    },
    signUps: {
      create: '/v1/client/sign_ups',
      get: '/v1/client/sign_ups/:sign_up_id',
      update: '/v1/client/sign_ups/:sign_up_id',
      prepareVerification: '/v1/client/sign_ups/:sign_up_id/prepare_verification',
      attemptVerification: '/v1/client/sign_ups/:sign_up_id/attempt_verification',
    },
    sessions: {
      all: '/v1/client/sessions',
      get: '/v1/client/sessions/:session_id',
      tokens: '/v1/client/sessions/:session_id/tokens',
      touch: '/v1/client/sessions/:session_id/touch',
      end: '/v1/client/sessions/:session_id/end',
      remove: '/v1/client/sessions/:session_id/remove',
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
    },
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
  },
} as const;

/** `/v1/users/:user_id` → `/v1/users/{user_id}`, for docs and clients. */
export const toOpenApiPath = (p: string): string => p.replace(/:([a-z_]+)/g, '{$1}');
