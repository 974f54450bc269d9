/**
 * The typed settings of one instance: auth methods, sessions, attack protection, email.
 *
 * This schema is the single source of defaults, validation and documentation for settings.
 * Stored settings hold only what an operator changed; reads merge them over the defaults,
 * so a new setting takes its default on every existing instance without a data migration.
 */
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';

const Toggle = (enabled: boolean, description: string) =>
  Type.Object({ enabled: Type.Boolean({ default: enabled, description }) }, { default: {} });

const NameField = (label: string) =>
  Type.Object(
    {
      enabled: Type.Boolean({ default: true, description: `Ask for the ${label} at sign-up and in the profile.` }),
      required: Type.Boolean({ default: false, description: `The ${label} must be given to complete a sign-up.` }),
    },
    { default: {} },
  );

export const InstanceSettingsSchema = Type.Object(
  {
    application_name: Type.String({ default: 'My application', minLength: 1, maxLength: 100 }),
    support_email: Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()], { default: null }),
    allowed_origins: Type.Array(Type.String({ format: 'uri', maxLength: 2048 }), {
      default: [],
      maxItems: 100,
      description:
        'Origins (scheme://host[:port]) allowed to call the Frontend API with credentials and to appear in `azp`. ' +
        'Development instances also allow any http://localhost origin.',
    }),
    auth: Type.Object(
      {
        email_address: Type.Object(
          {
            verify_at_sign_up: Type.Boolean({
              default: true,
              description: 'A sign-up must verify its email address (by code) before it completes.',
            }),
          },
          { default: {} },
        ),
        username: Type.Object(
          {
            enabled: Type.Boolean({ default: false, description: 'Users may have a username and sign in with it.' }),
            required: Type.Boolean({ default: false }),
            min_length: Type.Integer({ default: 4, minimum: 1, maximum: 64 }),
            max_length: Type.Integer({ default: 64, minimum: 1, maximum: 64 }),
          },
          { default: {} },
        ),
        first_name: NameField('first name'),
        last_name: NameField('last name'),
        password: Type.Object(
          {
            min_length: Type.Integer({ default: 8, minimum: 8, maximum: 128 }),
            max_length: Type.Integer({ default: 128, minimum: 8, maximum: 128 }),
          },
          { default: {} },
        ),
      },
      { default: {} },
    ),
    sign_up: Type.Object(
      {
        mode: Type.Union([Type.Literal('public'), Type.Literal('restricted')], {
          default: 'public',
          description: '`restricted` turns self-service sign-up off; users are created through the Backend API.',
        }),
      },
      { default: {} },
    ),
    sessions: Type.Object(
      {
        token_lifetime_seconds: Type.Integer({
          default: 60,
          minimum: 5,
          maximum: 3600,
          description: 'Lifetime of a session token (JWT).',
        }),
        max_lifetime_seconds: Type.Integer({
          default: 7 * 24 * 3600,
          minimum: 300,
          maximum: 10 * 365 * 24 * 3600,
          description: 'A session ends this long after sign-in, whatever its activity.',
        }),
        inactivity_timeout: Type.Object(
          {
            enabled: Type.Boolean({ default: false }),
            seconds: Type.Integer({ default: 24 * 3600, minimum: 60, maximum: 365 * 24 * 3600 }),
          },
          { default: {}, description: 'A session with no token minted for this long is abandoned.' },
        ),
        multi_session: Toggle(false, 'One client (browser) may hold several signed-in sessions at once.'),
        signing_algorithm: Type.Union([Type.Literal('ES256'), Type.Literal('RS256')], {
          default: 'ES256',
          description:
            'Session token signature algorithm. ES256 is cheaper to sign; RS256 (2048-bit) suits verifiers that only accept RSA. ' +
            'Changing it rotates the signing key.',
        }),
      },
      { default: {} },
    ),
    attack_protection: Type.Object(
      {
        user_enumeration: Type.Object(
          {
            mode: Type.Union([Type.Literal('off'), Type.Literal('bulk'), Type.Literal('strict')], {
              default: 'bulk',
              description:
                '`off`/`bulk`: unknown identifiers are reported (bulk also rate-limits probes). ' +
                '`strict`: nothing tells whether an account exists until its owner proves control of it.',
            }),
          },
          { default: {} },
        ),
        rate_limits: Type.Object(
          {
            enabled: Type.Boolean({ default: true }),
            requests_per_ip_per_10s: Type.Integer({
              default: 300,
              minimum: 1,
              maximum: 1_000_000,
              description: 'Frontend API requests per IP address in any 10 seconds.',
            }),
            attempts_per_ip_per_minute: Type.Integer({
              default: 60,
              minimum: 1,
              maximum: 1_000_000,
              description: 'Sign-in and sign-up steps (create, prepare, attempt) per IP address per minute.',
            }),
          },
          { default: {} },
        ),
      },
      { default: {} },
    ),
    email: Type.Object(
      {
        from_address: Type.String({ default: 'no-reply@gatehouse.localhost', format: 'email', maxLength: 254 }),
        from_name: Type.Union([Type.String({ maxLength: 100 }), Type.Null()], {
          default: null,
          description: 'Display name of the sender; the application name when null.',
        }),
      },
      { default: {} },
    ),
  },
  { title: 'InstanceSettings', additionalProperties: false },
);

export type InstanceSettings = Static<typeof InstanceSettingsSchema>;

export interface SettingsProblem {
  path: string;
  message: string;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges `patch` into `base`: objects merge key by key, anything else (arrays included) replaces. */
export function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = deepMerge(base[k], v);
  return out;
}

/** Validates the full settings after applying `stored` over the defaults. */
export function resolveSettings(
  stored: unknown,
): { ok: true; settings: InstanceSettings } | { ok: false; problems: SettingsProblem[] } {
  // deepMerge shares nested objects with `stored`, and Value.Default fills in place: clone first.
  const merged = Value.Default(InstanceSettingsSchema, structuredClone(deepMerge({}, stored ?? {})));
  const problems = [...Value.Errors(InstanceSettingsSchema, merged)].map((e) => ({
    path: e.instancePath || '/',
    message: e.message,
  }));
  if (problems.length > 0) return { ok: false, problems };
  const settings = merged as InstanceSettings;
  if (settings.auth.password.min_length > settings.auth.password.max_length)
    return {
      ok: false,
      problems: [{ path: '/auth/password/min_length', message: 'must not be greater than max_length' }],
    };
  if (settings.auth.username.min_length > settings.auth.username.max_length)
    return {
      ok: false,
      problems: [{ path: '/auth/username/min_length', message: 'must not be greater than max_length' }],
    };
  return { ok: true, settings };
}

export const defaultSettings = (): InstanceSettings => {
  const r = resolveSettings({});
  if (!r.ok) throw new TypeError(`default instance settings are invalid: ${JSON.stringify(r.problems)}`);
  return r.settings;
};
