/**
 * The variables each email template receives, with a description and the sample value the
 * preview endpoint renders with. docs/email-templates.md is generated from this table.
 */
import type { TemplateSlug } from '../../domain/ports.ts';

export interface TemplateVariable {
  description: string;
  sample: unknown;
}

/** Given to every template. */
export const COMMON_VARIABLES: Record<string, TemplateVariable> = {
  app_name: { description: 'The application name (instance setting `application_name`).', sample: 'Acme' },
  support_email: {
    description: 'The support address (instance setting `support_email`), or null when unset.',
    sample: 'support@acme.test',
  },
};

// Every template is described (a Record, not a Partial: a new template without docs does not compile).
export const TEMPLATE_DESCRIPTIONS: Record<TemplateSlug, string> = {
  verification_code: 'A one-time code: email verification at sign-up and in the profile, and sign-in codes.',
  password_changed: "Tells the owner their account's password was changed.",
  new_device_sign_in:
    'A sign-in completed on a device the user never signed in on; carries the "This wasn\'t me" link.',
  sign_up_email_taken:
    'Sent instead of a code when someone signs up with an address that already has an account (user enumeration `strict` mode).',
  magic_link: 'A single-use sign-in link (`email_link` first factor), valid 10 minutes.',
  account_locked:
    'Tells the owner their account just locked after too many failed attempts (user lockout), and when it unlocks.',
};

export const TEMPLATE_VARIABLES: Record<TemplateSlug, Record<string, TemplateVariable>> = {
  verification_code: {
    code: { description: 'The 6-digit code.', sample: '424242' },
    expires_in_minutes: { description: 'Minutes until the code expires.', sample: 10 },
  },
  // Only the common variables: the mail must not tell who tried.
  sign_up_email_taken: {},
  password_changed: {
    changed_at: { description: 'When the password changed (ISO 8601, UTC).', sample: '2026-01-15T12:00:00.000Z' },
  },
  new_device_sign_in: {
    first_name: { description: "The user's first name, or null.", sample: 'Ada' },
    device_type: { description: '`desktop`, `mobile`, `tablet` or `unknown`.', sample: 'desktop' },
    device: {
      description: 'Browser, major version and OS, e.g. "Chrome 120 on macOS".',
      sample: 'Chrome 120 on macOS',
    },
    browser_name: { description: 'The browser, from the User-Agent.', sample: 'Chrome' },
    browser_version: { description: 'The browser version, or an empty string.', sample: '120.0.0.0' },
    os_name: { description: 'The operating system, from the User-Agent.', sample: 'macOS' },
    ip_address: { description: 'The IP address the sign-in came from.', sample: '81.169.145.1' },
    city: { description: 'The city of the IP address, or null.', sample: 'Berlin' },
    country: { description: 'The ISO 3166-1 alpha-2 country of the IP address, or null.', sample: 'DE' },
    location: { description: '"City, CC", or "Unknown location".', sample: 'Berlin, DE' },
    sign_in_method: {
      description: 'The strategy used, e.g. `password`, `email_code` or `oauth_github`.',
      sample: 'password',
    },
    sign_in_method_name: {
      description: 'The sign-in method as a person reads it: `Password`, `Email code`, the provider (`GitHub`).',
      sample: 'Password',
    },
    signed_in_at: {
      description: 'When the session was created (RFC 7231 date, UTC).',
      sample: 'Thu, 15 Jan 2026 12:00:00 GMT',
    },
    revoke_url: {
      description: 'The single-use "This wasn\'t me: sign out that device" link.',
      sample: 'https://clerk.acme.test/v1/unauthorized_sign_in?token=sample',
    },
    revoke_link_expires_in_days: { description: 'Days the link works.', sample: 7 },
  },
  magic_link: {
    magic_link: {
      description: 'The single-use sign-in link.',
      sample: 'https://clerk.acme.test/v1/verify?token=sample',
    },
    expires_in_minutes: { description: 'Minutes until the link expires.', sample: 10 },
  },
  account_locked: {
    first_name: { description: "The user's first name, or null.", sample: 'Ada' },
    failed_attempts: { description: 'The failed attempts that locked the account.', sample: 10 },
    locked_at: { description: 'When the account locked (ISO 8601, UTC).', sample: '2026-01-15T12:00:00.000Z' },
    unlocks_at: {
      description: 'When the lock ends (ISO 8601, UTC), or null for a lock that lasts until an administrator lifts it.',
      sample: '2026-01-15T13:00:00.000Z',
    },
    unlocks_in_minutes: { description: 'Minutes until the lock ends, or null.', sample: 60 },
  },
};

/** The sample values for a preview: every common and template variable. */
export function sampleVariables(slug: TemplateSlug): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries({ ...COMMON_VARIABLES, ...TEMPLATE_VARIABLES[slug] })) out[k] = v.sample;
  return out;
}
