import { describe, expect, it } from 'vitest';
import { deepMerge, defaultSettings, resolveSettings } from './instance-settings.ts';
import { NAMED_OAUTH_PROVIDERS } from './oauth-providers.ts';

const resolved = (stored: unknown) => {
  const r = resolveSettings(stored);
  if (!r.ok) throw new Error(`unexpected problems: ${JSON.stringify(r.problems)}`);
  return r.settings;
};

const problems = (stored: unknown) => {
  const r = resolveSettings(stored);
  if (r.ok) throw new Error('expected the settings to be refused');
  return r.problems;
};

describe('defaults', () => {
  it('resolve every setting from nothing', () => {
    expect(defaultSettings()).toEqual({
      application_name: 'My application',
      support_email: null,
      allowed_origins: [],
      auth: {
        email_address: {
          verify_at_sign_up: true,
          sign_in_with_code: false,
          code_resend_after_seconds: 30,
          sign_in_with_link: false,
          email_link: { same_device: true },
        },
        username: { enabled: false, required: false, min_length: 4, max_length: 64 },
        phone_number: { sign_in_with_code: false },
        passkey: { enabled: false },
        multi_factor: { required: false, allowed: ['totp', 'phone_code', 'backup_code'] },
        first_name: { enabled: true, required: false },
        last_name: { enabled: true, required: false },
        password: {
          min_length: 8,
          max_length: 128,
          require_lowercase: false,
          require_uppercase: false,
          require_numbers: false,
          require_special_char: false,
          min_zxcvbn_score: 2,
        },
      },
      sign_up: { mode: 'public' },
      sessions: {
        token_lifetime_seconds: 60,
        max_lifetime_seconds: 7 * 24 * 3600,
        inactivity_timeout: { enabled: false, seconds: 24 * 3600 },
        multi_session: { enabled: false },
        signing_algorithm: 'ES256',
      },
      attack_protection: {
        user_enumeration: { mode: 'bulk', probes_per_ip_per_10_minutes: 20 },
        user_lockout: { enabled: true, max_attempts: 10, duration_seconds: 3600, permanent: false },
        client_trust: { enabled: true },
        rate_limits: {
          enabled: true,
          requests_per_ip_per_10s: 300,
          attempts_per_ip_per_minute: 60,
          attempts_per_identifier_per_minute: 20,
          requests_per_instance_per_10s: 10_000,
        },
        pwned_passwords: {
          enabled: false,
          api_base_url: 'https://api.pwnedpasswords.com',
          timeout_ms: 2000,
          enforce_on_sign_in: false,
        },
        new_device_alerts: { enabled: true },
        geo_blocking: { mode: 'off', countries: [], unknown: 'allow' },
        bot_protection: {
          mode: 'off',
          provider: 'altcha',
          altcha_cost: 5000,
          turnstile_site_key: null,
          turnstile_secret_key: null,
          siteverify_url: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
        },
      },
      restrictions: {
        allowlist: { enabled: false },
        blocklist: { enabled: false },
        block_email_subaddresses: { enabled: false },
        block_disposable_email_domains: { enabled: false, list_path: null },
      },
      // No SMS country until the operator chooses some: toll fraud costs nothing to attempt.
      sms: { allowed_countries: [], sends_per_number_per_hour: 5, sends_per_ip_per_hour: 20, resend_after_seconds: 30 },
      // Every provider off, with nothing configured: social sign-in is opted into per provider.
      social: {
        providers: Object.fromEntries(
          NAMED_OAUTH_PROVIDERS.map(({ id }) => [
            id,
            {
              enabled: false,
              client_id: null,
              client_secret: null,
              scopes: null,
              authorization_params: {},
              always_show_account_selector: false,
              ...(id === 'microsoft' && { tenant: 'common' }),
              ...(id === 'apple' && { team_id: null, key_id: null, private_key: null }),
            },
          ]),
        ),
        custom: {},
        order: [],
      },
      email: { from_address: 'no-reply@gatehouse.localhost', from_name: null },
      account_portal: {
        enabled: true,
        after_sign_in_url: null,
        after_sign_up_url: null,
        unauthorized_sign_in_path: '/unauthorized-sign-in',
        localization: 'en-US',
        appearance: {
          variables: {
            color_primary: null,
            color_primary_text: null,
            color_text: null,
            color_text_secondary: null,
            color_background: null,
            color_input_background: null,
            color_input_text: null,
            color_border: null,
            color_danger: null,
            color_success: null,
            border_radius: null,
            font_family: null,
            font_size: null,
            spacing_unit: null,
          },
        },
      },
    });
  });

  it('are the same for null, undefined and an empty object', () => {
    expect(resolved(null)).toEqual(defaultSettings());
    expect(resolved(undefined)).toEqual(defaultSettings());
    expect(resolved({})).toEqual(defaultSettings());
  });

  it('are a fresh copy each time (changing one result does not change the next)', () => {
    const a = defaultSettings();
    a.allowed_origins.push('https://app.example.com');
    a.auth.username.enabled = true;
    const b = defaultSettings();
    expect(b.allowed_origins).toEqual([]);
    expect(b.auth.username.enabled).toBe(false);
  });
});

describe('merging stored settings over the defaults', () => {
  it('keeps the defaults of every sibling of a changed nested setting', () => {
    const s = resolved({ auth: { username: { enabled: true } } });
    expect(s.auth.username).toEqual({ enabled: true, required: false, min_length: 4, max_length: 64 });
    expect(s.auth.password).toEqual(defaultSettings().auth.password);
    expect(s.sessions).toEqual(defaultSettings().sessions);
  });

  it('replaces arrays instead of merging them', () => {
    const s = resolved({ allowed_origins: ['https://app.example.com'] });
    expect(s.allowed_origins).toEqual(['https://app.example.com']);
  });

  it('accepts a value that equals the default and a null where null is allowed', () => {
    const s = resolved({ support_email: null, email: { from_name: null }, sign_up: { mode: 'public' } });
    expect(s).toEqual(defaultSettings());
  });
});

describe('deepMerge', () => {
  it('merges objects key by key at every depth', () => {
    expect(deepMerge({ a: { b: 1, c: { d: 2, e: 3 } }, f: 4 }, { a: { c: { e: 30 } } })).toEqual({
      a: { b: 1, c: { d: 2, e: 30 } },
      f: 4,
    });
  });

  it('replaces arrays whole', () => {
    expect(deepMerge({ list: [1, 2, 3] }, { list: [9] })).toEqual({ list: [9] });
    expect(deepMerge({ list: [1, 2, 3] }, { list: [] })).toEqual({ list: [] });
  });

  it('replaces scalars, and an object with a scalar or null', () => {
    expect(deepMerge({ a: 1, b: { c: 1 } }, { a: 2, b: null })).toEqual({ a: 2, b: null });
    expect(deepMerge({ a: { c: 1 } }, { a: 'x' })).toEqual({ a: 'x' });
  });

  it('keeps the base where the patch is undefined', () => {
    expect(deepMerge({ a: 1 }, undefined)).toEqual({ a: 1 });
    expect(deepMerge({ a: 1 }, { a: undefined })).toEqual({ a: 1 });
  });

  it('does not change the base object', () => {
    const base = { a: { b: 1 } };
    deepMerge(base, { a: { b: 2 } });
    expect(base).toEqual({ a: { b: 1 } });
  });
});

describe('invalid values', () => {
  it('are reported with the path of the offending setting', () => {
    expect(problems({ sessions: { token_lifetime_seconds: 1 } })).toEqual([
      { path: '/sessions/token_lifetime_seconds', message: expect.stringContaining('5') },
    ]);
  });

  it('report a wrong type at its nested path', () => {
    const p = problems({ auth: { password: { min_length: 'eight' } } });
    expect(p.map((x) => x.path)).toEqual(['/auth/password/min_length']);
  });

  it('report a value outside an enumeration', () => {
    const p = problems({ sessions: { signing_algorithm: 'HS256' } });
    expect(p.map((x) => x.path)).toContain('/sessions/signing_algorithm');
  });

  it('report an invalid email and an invalid origin', () => {
    const p = problems({ support_email: 'not-an-email', allowed_origins: ['not a uri'] });
    const paths = p.map((x) => x.path);
    expect(paths).toContain('/support_email');
    expect(paths).toContain('/allowed_origins/0');
  });

  it('report every invalid setting, not only the first', () => {
    const p = problems({ application_name: '', sessions: { max_lifetime_seconds: 1 } });
    const paths = p.map((x) => x.path);
    expect(paths).toContain('/application_name');
    expect(paths).toContain('/sessions/max_lifetime_seconds');
  });

  it('refuse an unknown top-level setting', () => {
    expect(problems({ no_such_setting: true }).map((x) => x.path)).toContain('/no_such_setting');
  });

  it('every problem has a non-empty message', () => {
    for (const p of problems({ sessions: { token_lifetime_seconds: 'x' }, application_name: 5 }))
      expect(p.message.length).toBeGreaterThan(0);
  });
});

describe('min greater than max', () => {
  it('is refused for the password length', () => {
    expect(problems({ auth: { password: { min_length: 64, max_length: 32 } } })).toEqual([
      { path: '/auth/password/min_length', message: 'must not be greater than max_length' },
    ]);
  });

  it('is refused for the username length', () => {
    expect(problems({ auth: { username: { min_length: 10, max_length: 5 } } })).toEqual([
      { path: '/auth/username/min_length', message: 'must not be greater than max_length' },
    ]);
  });

  it('is refused when only the max is lowered below the default min', () => {
    expect(problems({ auth: { username: { max_length: 3 } } })[0]?.path).toBe('/auth/username/min_length');
  });

  it('accepts min equal to max', () => {
    const s = resolved({ auth: { password: { min_length: 20, max_length: 20 } } });
    expect(s.auth.password).toMatchObject({ min_length: 20, max_length: 20 });
  });
});

describe('the unauthorized sign-in page path', () => {
  const pathProblems = (path: string) =>
    problems({ account_portal: { unauthorized_sign_in_path: path } }).map((p) => p.path);

  it('accepts slash-separated segments outside the paths the server serves', () => {
    for (const path of ['/unauthorized-sign-in', '/account/not-me', '/users', '/sign-in-help', '/v12'])
      expect(resolved({ account_portal: { unauthorized_sign_in_path: path } }).account_portal).toMatchObject({
        unauthorized_sign_in_path: path,
      });
  });

  it('refuses the APIs, the portal pages and files, health, dot paths and empty segments', () => {
    for (const path of [
      '/v1',
      '/v1/unauthorized_sign_in',
      '/portal/assets/x',
      '/sign-in',
      '/sign-up/x',
      '/user',
      '/healthz',
      '/.well-known/jwks.json',
      '/',
      '/a//b',
      '/a/',
      'relative',
      `/${'a'.repeat(200)}`,
    ])
      expect(pathProblems(path), path).toEqual(['/account_portal/unauthorized_sign_in_path']);
  });
});
