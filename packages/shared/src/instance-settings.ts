/**
 * The typed settings of one instance: auth methods, sessions, attack protection, email.
 *
 * This schema is the single source of defaults, validation and documentation for settings.
 * Stored settings hold only what an operator changed; reads merge them over the defaults,
 * so a new setting takes its default on every existing instance without a data migration.
 */
import { type Static, type TProperties, Type } from 'typebox';
import { Value } from 'typebox/value';
import { CUSTOM_OAUTH_NAME_PATTERN, NAMED_OAUTH_PROVIDERS, type NamedOAuthProviderId } from './oauth-providers.ts';

const Toggle = (enabled: boolean, description: string) =>
  Type.Object({ enabled: Type.Boolean({ default: enabled, description }) }, { default: {} });

/**
 * Appearance values end up in CSS custom properties of the Account Portal: only plain colours
 * and lengths get through (no `;`, `}`, `url(` or anything else that could break out).
 */
const COLOR_PATTERN =
  '^(#[0-9a-fA-F]{3,4}|#[0-9a-fA-F]{6}|#[0-9a-fA-F]{8}|(rgb|rgba|hsl|hsla)\\([0-9.%, /]{1,60}\\)|[a-zA-Z]{3,30})$';
const LENGTH_PATTERN = '^(0|[0-9]{1,3}(\\.[0-9]{1,3})?(px|rem|em|%))$';
const FONT_FAMILY_PATTERN = '^[A-Za-z0-9 ,\'"-]{1,200}$';

const ColorVariable = (description: string) =>
  Type.Union([Type.String({ pattern: COLOR_PATTERN, maxLength: 80 }), Type.Null()], {
    default: null,
    description: `${description} A hex colour (#4f46e5), rgb()/hsl() with numbers, or a colour name; null keeps the built-in look.`,
  });
const LengthVariable = (description: string) =>
  Type.Union([Type.String({ pattern: LENGTH_PATTERN, maxLength: 12 }), Type.Null()], {
    default: null,
    description: `${description} A length in px, rem, em or %; null keeps the built-in look.`,
  });
/**
 * The confirmation page's path: `/segment/segment`, each of letters, digits, `_` and `-`, and
 * never under a path the server serves itself (the APIs, the portal's pages and files, health).
 * `.` is not allowed, so `/.well-known` cannot be named either.
 */
const UNAUTHORIZED_SIGN_IN_PATH_PATTERN =
  '^(?!/(?:v1|portal|sign-in|sign-up|user|healthz)(?:/|$))(?:/[A-Za-z0-9_-]+)+$';

const PortalRedirect = (description: string) =>
  Type.Union([Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2048 }), Type.Null()], {
    default: null,
    description,
  });

const NameField = (label: string) =>
  Type.Object(
    {
      enabled: Type.Boolean({ default: true, description: `Ask for the ${label} at sign-up and in the profile.` }),
      required: Type.Boolean({ default: false, description: `The ${label} must be given to complete a sign-up.` }),
    },
    { default: {} },
  );

/** What a client secret reads as once stored: the Backend API never returns it (write-only). */
export const WRITE_ONLY_MASK = '********';

const HTTPS_URL = { format: 'uri', pattern: '^https?://', maxLength: 2048 } as const;
const NullableUrl = (description: string) =>
  Type.Union([Type.String(HTTPS_URL), Type.Null()], { default: null, description });

/** The settings every social provider has, named or custom. */
const socialProviderFields = (scopesDefault: string[] | null) => ({
  enabled: Type.Boolean({
    default: false,
    description: 'Offer this provider for sign-in, sign-up and connecting accounts.',
  }),
  client_id: Type.Union([Type.String({ minLength: 1, maxLength: 512 }), Type.Null()], {
    default: null,
    description:
      "The OAuth client id registered with the provider. Development instances without one use the deployment's " +
      'development credentials (`GATEHOUSE_DEV_OAUTH_<PROVIDER>_CLIENT_ID`); production instances must set their own.',
  }),
  client_secret: Type.Union([Type.String({ minLength: 1, maxLength: 4096 }), Type.Null()], {
    default: null,
    description: `Write-only: the Backend API shows \`${WRITE_ONLY_MASK}\` once one is stored, and sending that mask back keeps it.`,
  }),
  scopes: Type.Union(
    [
      Type.Array(Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' }), { maxItems: 50 }),
      Type.Null(),
    ],
    {
      default: scopesDefault,
      description:
        "Scopes asked for at sign-in, besides those the provider needs for the profile; null: the provider's defaults.",
    },
  ),
  authorization_params: Type.Record(
    Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' }),
    Type.String({ maxLength: 512 }),
    {
      default: {},
      maxProperties: 20,
      description:
        'Extra query parameters of the authorization request (e.g. `{"hd": "example.com"}` for Google). The ones ' +
        'the protocol owns (state, nonce, code_challenge, redirect_uri, client_id, response_type, scope) cannot be set.',
    },
  ),
  always_show_account_selector: Type.Boolean({
    default: false,
    description: 'Ask the provider to show its account chooser every time (`prompt=select_account` where it has one).',
  }),
});

/** A named provider's settings: the common fields, and what that provider needs besides. */
const namedProvider = <Extra extends TProperties>(extra: Extra) =>
  Type.Object({ ...socialProviderFields(null), ...extra }, { default: {}, additionalProperties: false });

const NamedProvider = namedProvider({});
const MicrosoftProvider = namedProvider({
  tenant: Type.String({
    default: 'common',
    pattern: '^[A-Za-z0-9.-]{1,100}$',
    description:
      'Entra ID tenant: `common` (work, school and personal accounts), `consumers`, `organizations` or a tenant id.',
  }),
});
const AppleProvider = namedProvider({
  team_id: Type.Union([Type.String({ pattern: '^[A-Z0-9]{10}$' }), Type.Null()], { default: null }),
  key_id: Type.Union([Type.String({ pattern: '^[A-Z0-9]{10}$' }), Type.Null()], { default: null }),
  private_key: Type.Union([Type.String({ minLength: 1, maxLength: 4096 }), Type.Null()], {
    default: null,
    description:
      'Write-only: the PKCS#8 PEM of the Sign in with Apple key; the client secret is an ES256 JWT signed with it ' +
      '(then `client_secret` stays null).',
  }),
});
type NamedProviderSchemas = Record<Exclude<NamedOAuthProviderId, 'microsoft' | 'apple'>, typeof NamedProvider> & {
  microsoft: typeof MicrosoftProvider;
  apple: typeof AppleProvider;
};

const ClaimName = (fallback: string, description: string) =>
  Type.String({ default: fallback, minLength: 1, maxLength: 100, description });

const CustomProvider = Type.Object(
  {
    ...socialProviderFields(['openid', 'email', 'profile']),
    name: Type.String({
      default: 'Custom provider',
      minLength: 1,
      maxLength: 100,
      description: 'Shown on the button.',
    }),
    discovery_url: NullableUrl(
      'An OpenID Connect issuer or its `/.well-known/openid-configuration`; read when the provider is first used. ' +
        'Without it, the endpoints below are used (plain OAuth 2.0 when `jwks_url` is null).',
    ),
    issuer: NullableUrl('The expected `iss` of ID tokens, when configured by hand.'),
    authorization_url: NullableUrl('Authorization endpoint, when configured by hand.'),
    token_url: NullableUrl('Token endpoint, when configured by hand.'),
    userinfo_url: NullableUrl('UserInfo endpoint (a JSON profile read with the access token).'),
    jwks_url: NullableUrl('Keys that sign its ID tokens, when configured by hand.'),
    pkce: Type.Boolean({
      default: true,
      description: 'Send a PKCE challenge (S256). Turn off only for a provider that refuses it.',
    }),
    claims: Type.Object(
      {
        subject: ClaimName('sub', 'The stable account id.'),
        email: ClaimName('email', 'The email address.'),
        email_verified: ClaimName(
          'email_verified',
          'A boolean telling the provider verified the email; a provider that never sends it has its emails treated as unverified.',
        ),
        first_name: ClaimName('given_name', 'First name.'),
        last_name: ClaimName('family_name', 'Last name.'),
        username: ClaimName('preferred_username', 'Username.'),
        image_url: ClaimName('picture', 'Avatar URL.'),
      },
      {
        default: {},
        additionalProperties: false,
        description: 'Which claims of the ID token or UserInfo hold the profile.',
      },
    ),
  },
  { additionalProperties: false },
);

const SocialSettings = Type.Object(
  {
    providers: Type.Object(
      {
        ...Object.fromEntries(NAMED_OAUTH_PROVIDERS.map((p) => [p.id, NamedProvider])),
        microsoft: MicrosoftProvider,
        apple: AppleProvider,
      } as NamedProviderSchemas,
      { default: {}, additionalProperties: false, description: 'The named providers, each the strategy `oauth_<id>`.' },
    ),
    custom: Type.Record(Type.String({ pattern: CUSTOM_OAUTH_NAME_PATTERN }), CustomProvider, {
      default: {},
      maxProperties: 20,
      description:
        'Any OAuth 2.0 or OpenID Connect provider, by discovery or by hand: `custom.<name>` is the strategy ' +
        '`oauth_custom_<name>`. `null` at a name removes it.',
    }),
    order: Type.Array(Type.String({ pattern: '^oauth_[a-z0-9_]{1,60}$' }), {
      default: [],
      maxItems: 60,
      uniqueItems: true,
      description:
        'The order of the provider buttons (strategies); enabled providers not listed follow in the built-in order.',
    }),
  },
  { default: {}, additionalProperties: false, description: 'Social sign-in (OAuth 2.0 and OpenID Connect providers).' },
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
            sign_in_with_code: Type.Boolean({
              default: false,
              description:
                'Users may sign in with a one-time code mailed to their address (`email_code` first factor) instead of a password.',
            }),
            code_resend_after_seconds: Type.Integer({
              default: 30,
              minimum: 0,
              maximum: 600,
              description:
                'The least time between two email codes for one sign-in, sign-up or address (the resend countdown); 0: none. ' +
                'Sooner is refused with `too_many_requests` and `retry_after_seconds`.',
            }),
            sign_in_with_link: Type.Boolean({
              default: false,
              description:
                'Users may sign in with a single-use link mailed to their address (`email_link` first factor, magic link), valid 10 minutes.',
            }),
            email_link: Type.Object(
              {
                same_device: Type.Boolean({
                  default: true,
                  description:
                    'A sign-in link completes the sign-in only in the browser (client) that asked for it; opened anywhere ' +
                    'else it says so and completes nothing (the original tab finishes by polling).',
                }),
              },
              { default: {} },
            ),
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
        phone_number: Type.Object(
          {
            sign_in_with_code: Type.Boolean({
              default: false,
              description:
                'Users may sign in with a verified phone number as identifier (international format) and a one-time ' +
                'code texted to it (`phone_code` first factor). Numbers reserved for second factor never identify an ' +
                'account; codes go only to `sms.allowed_countries`.',
            }),
          },
          { default: {} },
        ),
        passkey: Type.Object(
          {
            enabled: Type.Boolean({
              default: false,
              description:
                'Users may add passkeys (WebAuthn) in their profile and sign in with one (`passkey` first factor), ' +
                'including browser autofill. The relying party id is the Frontend API host.',
            }),
          },
          { default: {} },
        ),
        multi_factor: Type.Object(
          {
            required: Type.Boolean({
              default: false,
              description:
                'Every user must have a second factor. After sign-up or sign-in, a user without one gets a pending ' +
                'session (task `setup-mfa`) that can only enrol a factor or sign out and mints no session token ' +
                'until a factor is enrolled.',
            }),
            allowed: Type.Array(
              Type.Union([Type.Literal('totp'), Type.Literal('phone_code'), Type.Literal('backup_code')]),
              {
                default: ['totp', 'phone_code', 'backup_code'],
                uniqueItems: true,
                description:
                  'Second factors users may enrol and sign in with: `totp` (authenticator app), `phone_code` (SMS to a ' +
                  'verified number reserved for second factor) and `backup_code` (ten single-use codes given at TOTP enrolment).',
              },
            ),
          },
          { default: {} },
        ),
        first_name: NameField('first name'),
        last_name: NameField('last name'),
        password: Type.Object(
          {
            min_length: Type.Integer({ default: 8, minimum: 8, maximum: 256 }),
            max_length: Type.Integer({
              default: 128,
              minimum: 8,
              maximum: 256,
              description:
                'Counted in characters (and never more than 1024 bytes). argon2id has no 72-byte limit as bcrypt has; ' +
                '256 bounds the work of hashing and of the strength estimate.',
            }),
            require_lowercase: Type.Boolean({
              default: false,
              description: 'A new password must hold a lowercase letter.',
            }),
            require_uppercase: Type.Boolean({
              default: false,
              description: 'A new password must hold an uppercase letter.',
            }),
            require_numbers: Type.Boolean({ default: false, description: 'A new password must hold a digit.' }),
            require_special_char: Type.Boolean({
              default: false,
              description: 'A new password must hold a character that is neither a letter nor a digit.',
            }),
            min_zxcvbn_score: Type.Integer({
              default: 2,
              minimum: 0,
              maximum: 4,
              description:
                'Minimum zxcvbn strength (0–4) of a new password; 0 turns the estimate off. The default, 2, refuses ' +
                'passwords that a dictionary or pattern attack guesses in under about 10^8 tries (common words, ' +
                'keyboard walks, dates) while accepting any ordinary passphrase.',
            }),
          },
          { default: {} },
        ),
      },
      { default: {} },
    ),
    social: SocialSettings,
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
            probes_per_ip_per_10_minutes: Type.Integer({
              default: 20,
              minimum: 1,
              maximum: 1_000_000,
              description:
                '`bulk` mode: sign-ins and sign-ups naming an identifier that has no account (or, for sign-up, is taken) ' +
                'per IP address in any 10 minutes; past it, every identifier lookup from that IP answers 429, known or not.',
            }),
          },
          { default: {} },
        ),
        user_lockout: Type.Object(
          {
            enabled: Type.Boolean({
              default: true,
              description: 'Count failed password and code attempts per user and lock the account at the limit.',
            }),
            max_attempts: Type.Integer({
              default: 10,
              minimum: 1,
              maximum: 1000,
              description:
                'Failed attempts (first and second factor) that lock the account; a success resets the count.',
            }),
            duration_seconds: Type.Integer({
              default: 3600,
              minimum: 60,
              maximum: 365 * 24 * 3600,
              description: 'How long a lock lasts.',
            }),
            permanent: Type.Boolean({
              default: false,
              description: 'A lock lasts until an administrator unlocks the user (`POST /v1/users/{id}/unlock`).',
            }),
          },
          { default: {} },
        ),
        client_trust: Type.Object(
          {
            enabled: Type.Boolean({
              default: true,
              description:
                'A right password on a client (browser) where the user never had a session, for a user without MFA, ' +
                'also needs an email code (`needs_client_trust`). Passwordless sign-ins are unaffected.',
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
            attempts_per_identifier_per_minute: Type.Integer({
              default: 20,
              minimum: 1,
              maximum: 1_000_000,
              description:
                'Sign-in and sign-up steps naming one identifier (email address or username) per minute, from any IP.',
            }),
            requests_per_instance_per_10s: Type.Integer({
              default: 10_000,
              minimum: 1,
              maximum: 10_000_000,
              description: 'Frontend API requests to the whole instance in any 10 seconds, from any IP.',
            }),
          },
          { default: {} },
        ),
        pwned_passwords: Type.Object(
          {
            enabled: Type.Boolean({
              default: false,
              description:
                'Also check new passwords against the HaveIBeenPwned range API (k-anonymity: only the first 5 hex ' +
                'characters of the SHA-1 leave the server). The bundled list of common breached passwords is always checked.',
            }),
            api_base_url: Type.String({
              default: 'https://api.pwnedpasswords.com',
              format: 'uri',
              maxLength: 2048,
              description:
                'Base URL of a service speaking the Pwned Passwords range protocol (`GET {base}/range/{prefix}`).',
            }),
            timeout_ms: Type.Integer({
              default: 2000,
              minimum: 100,
              maximum: 30_000,
              description:
                'An unanswered range request fails open after this long (the password is accepted, a warning logged).',
            }),
            enforce_on_sign_in: Type.Boolean({
              default: false,
              description:
                'A user signing in with a password on the bundled breached list, or found by the range API when `enabled`, ' +
                'must choose a new one before the session starts (sign-in status `needs_new_password`).',
            }),
          },
          { default: {} },
        ),
        new_device_alerts: Toggle(
          true,
          'Email the account owner when a sign-in completes on a client (browser) where the user never signed in, ' +
            'for a user who signed in before, with a link that signs that device out.',
        ),
        geo_blocking: Type.Object(
          {
            mode: Type.Union([Type.Literal('off'), Type.Literal('block'), Type.Literal('allow_only')], {
              default: 'off',
              description:
                '`block`: refuse sign-up, sign-in and token minting from the listed countries; `allow_only`: ' +
                'refuse them from every other country (`geo_blocked`, 403). The country comes from the client ' +
                'address (`X-Forwarded-For` only behind a trusted proxy, see `TRUST_PROXY`).',
            }),
            countries: Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), {
              default: [],
              maxItems: 300,
              uniqueItems: true,
              description: 'ISO 3166-1 alpha-2 country codes, e.g. `["DE", "FR"]`.',
            }),
            unknown: Type.Union([Type.Literal('allow'), Type.Literal('block')], {
              default: 'allow',
              description:
                'Addresses the geolocation database has no country for (private networks, new ranges) are allowed or refused.',
            }),
          },
          { default: {} },
        ),
        bot_protection: Type.Object(
          {
            mode: Type.Union([Type.Literal('off'), Type.Literal('invisible'), Type.Literal('always')], {
              default: 'off',
              description:
                'Challenge sign-ups: `invisible` (ALTCHA proof of work solved in the background, or Turnstile ' +
                'managed), `always` (an interactive Turnstile widget; ALTCHA behaves as invisible). Off by default: ' +
                "Gatehouse's browser SDK solves ALTCHA by itself, but Clerk's SDKs, native apps and direct API " +
                'callers do not, and their sign-ups would fail.',
            }),
            provider: Type.Union([Type.Literal('altcha'), Type.Literal('turnstile')], { default: 'altcha' }),
            altcha_cost: Type.Integer({
              default: 5000,
              minimum: 1,
              maximum: 1_000_000,
              description: 'PBKDF2 iterations per ALTCHA attempt; higher costs a bot more time per sign-up.',
            }),
            turnstile_site_key: Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { default: null }),
            turnstile_secret_key: Type.Union([Type.String({ maxLength: 200 }), Type.Null()], {
              default: null,
              description: 'Secret for Turnstile siteverify. Never returned by the Frontend API.',
            }),
            siteverify_url: Type.String({
              default: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
              format: 'uri',
              maxLength: 2048,
            }),
          },
          { default: {} },
        ),
      },
      { default: {} },
    ),
    restrictions: Type.Object(
      {
        allowlist: Toggle(
          false,
          'Only identifiers on the allowlist may sign up or be added to an account; an empty allowlist blocks every sign-up.',
        ),
        blocklist: Toggle(
          false,
          'Identifiers on the blocklist (and subaddresses of a blocked address) may not sign up or be added.',
        ),
        block_email_subaddresses: Toggle(
          false,
          'Refuse new email addresses whose local part holds `+`, `=` or `#`; existing users keep signing in.',
        ),
        block_disposable_email_domains: Type.Object(
          {
            enabled: Type.Boolean({ default: false, description: 'Refuse new email addresses at disposable domains.' }),
            list_path: Type.Union([Type.String({ minLength: 1, maxLength: 1024 }), Type.Null()], {
              default: null,
              description:
                'A file on the server, one domain a line, that replaces the bundled `disposable-email-domains` list ' +
                '(so the list can be updated without a release). Read when first needed and when the file changes.',
            }),
          },
          { default: {} },
        ),
      },
      { default: {} },
    ),
    sms: Type.Object(
      {
        allowed_countries: Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), {
          default: [],
          maxItems: 300,
          uniqueItems: true,
          description:
            'ISO 3166-1 alpha-2 countries whose phone numbers may be added and sent codes, e.g. `["US", "FR"]`. ' +
            'Empty (the default) allows none: SMS pumping (toll fraud) makes every country an operator did not ' +
            'choose a cost, so each is opted into. Development instances also accept the fictional test numbers ' +
            '+1 XXX 555-0100 to 0199 (fixed code 424242, nothing sent) whatever this list holds. A non-empty list ' +
            'also turns on phone numbers in the environment, so `<UserProfile>` shows them and offers SMS codes ' +
            'as a second factor (when `auth.multi_factor.allowed` has `phone_code`).',
        }),
        sends_per_number_per_hour: Type.Integer({
          default: 5,
          minimum: 1,
          maximum: 1000,
          description: 'Codes sent to one phone number in any hour, from any client or IP address.',
        }),
        sends_per_ip_per_hour: Type.Integer({
          default: 20,
          minimum: 1,
          maximum: 100_000,
          description: 'Codes sent at the request of one IP address in any hour, to any number.',
        }),
        resend_after_seconds: Type.Integer({
          default: 30,
          minimum: 0,
          maximum: 3600,
          description: 'The least time between two codes to one phone number (the resend countdown); 0: none.',
        }),
      },
      { default: {}, description: 'Text messages (SMS) with verification codes.' },
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
    account_portal: Type.Object(
      {
        enabled: Type.Boolean({
          default: true,
          description: 'Serve the hosted Account Portal (`/sign-in`, `/sign-up`, `/user`) on the Frontend API host.',
        }),
        after_sign_in_url: PortalRedirect(
          "Where the portal sends users after sign-in when the link had no valid `redirect_url`; null: the portal's `/user` page.",
        ),
        after_sign_up_url: PortalRedirect(
          "Where the portal sends users after sign-up when the link had no valid `redirect_url`; null: the portal's `/user` page.",
        ),
        unauthorized_sign_in_path: Type.String({
          default: '/unauthorized-sign-in',
          // Segments of letters, digits, `_` and `-`; never a path the server already serves.
          pattern: UNAUTHORIZED_SIGN_IN_PATH_PATTERN,
          maxLength: 200,
          description:
            'Where the "This wasn\'t me" link of a new-device email lands after signing that device out, on the ' +
            "Frontend API host: the Account Portal's confirmation page. Slash-separated segments of letters, " +
            'digits, `_` and `-`, outside `/v1`, `/portal`, `/sign-in`, `/sign-up`, `/user` and `/healthz`.',
        }),
        localization: Type.Union([Type.Literal('en-US'), Type.Literal('fr-FR')], {
          default: 'en-US',
          description: 'The language of the portal pages.',
        }),
        appearance: Type.Object(
          {
            variables: Type.Object(
              {
                color_primary: ColorVariable('Buttons, links and focus rings.'),
                color_primary_text: ColorVariable('Text on primary buttons.'),
                color_text: ColorVariable('Body text.'),
                color_text_secondary: ColorVariable('Subtitles and hints.'),
                color_background: ColorVariable('Card background (the page takes a shade of it).'),
                color_input_background: ColorVariable('Input background.'),
                color_input_text: ColorVariable('Input text.'),
                color_border: ColorVariable('Borders.'),
                color_danger: ColorVariable('Errors.'),
                color_success: ColorVariable('Success messages.'),
                border_radius: LengthVariable('Corner radius.'),
                font_family: Type.Union([Type.String({ pattern: FONT_FAMILY_PATTERN, maxLength: 200 }), Type.Null()], {
                  default: null,
                  description:
                    'A CSS font-family list (letters, digits, spaces, commas, quotes, hyphens); null keeps the built-in look.',
                }),
                font_size: LengthVariable('Base font size.'),
                spacing_unit: LengthVariable('Base spacing.'),
              },
              { default: {}, additionalProperties: false },
            ),
          },
          {
            default: {},
            additionalProperties: false,
            description: "The portal's theme: the `appearance.variables` of @gatehouse/react, in snake_case.",
          },
        ),
      },
      { default: {}, additionalProperties: false },
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
  const merged = Value.Default(InstanceSettingsSchema, structuredClone(deepMerge({}, stored ?? {}))) as {
    social?: { custom?: Record<string, unknown> };
  };
  // Defaults do not reach the values of a record (custom providers by name): fill each one.
  const custom = merged.social?.custom;
  if (isPlainObject(custom))
    for (const [name, entry] of Object.entries(custom)) custom[name] = Value.Default(CustomProvider, entry);
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

/** The write-only fields of a social provider's settings. */
const WRITE_ONLY_FIELDS = ['client_secret', 'private_key'] as const;

type ProviderBag = Record<string, Record<string, unknown> | null | undefined>;
const providerBags = (social: unknown): ProviderBag[] => {
  if (!isPlainObject(social)) return [];
  return [social.providers, social.custom].filter(isPlainObject) as ProviderBag[];
};

/** The settings as the Backend API shows them: stored secrets read as `WRITE_ONLY_MASK`. */
export function maskWriteOnlySettings(settings: InstanceSettings): InstanceSettings {
  const out = structuredClone(settings);
  for (const bag of providerBags(out.social))
    for (const p of Object.values(bag))
      for (const f of WRITE_ONLY_FIELDS) if (p && typeof p[f] === 'string') p[f] = WRITE_ONLY_MASK;
  return out;
}

/** A patch with the mask sent back for a write-only field dropped, so the stored secret stays. */
export function dropMaskedWriteOnly(patch: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(patch);
  for (const bag of providerBags(out.social))
    for (const p of Object.values(bag))
      for (const f of WRITE_ONLY_FIELDS) if (p && p[f] === WRITE_ONLY_MASK) delete p[f];
  return out;
}
