import { providerMarkFile } from '@gatehouse/shared/provider-marks';
import type { EnvironmentObject } from '@gatehouse/shared/wire';
import type { Instance } from '../../domain/instances/instance.ts';
import { defaultAfterAuthUrl } from '../portal/page-config.ts';

const onOff = (f: { enabled: boolean; required: boolean }) => (f.required ? 'required' : f.enabled ? 'on' : 'off');

const attribute = (enabled: boolean, required: boolean, firstFactors: string[] = [], verifications: string[] = []) => ({
  enabled,
  required,
  used_for_first_factor: firstFactors.length > 0,
  first_factors: firstFactors,
  used_for_second_factor: false,
  second_factors: [],
  verifications,
  verify_at_sign_up: verifications.length > 0,
});

/** An MFA attribute (`authenticator_app`, `backup_code`): enabled when the instance allows the factor. */
const secondFactorAttribute = (s: Instance['settings'], factor: 'totp' | 'backup_code') => {
  const enabled = s.auth.multi_factor.allowed.includes(factor);
  return {
    ...attribute(enabled, false),
    used_for_second_factor: enabled,
    second_factors: enabled ? [factor] : [],
  };
};

/**
 * Phone numbers: on when the operator opted into SMS for some country (`sms.allowed_countries`;
 * with none, no number could ever get a code), and a second factor when MFA allows `phone_code`.
 */
const phoneNumberAttribute = (s: Instance['settings']) => {
  const enabled = s.sms.allowed_countries.length > 0;
  const secondFactor = enabled && s.auth.multi_factor.allowed.includes('phone_code');
  return {
    // Phone sign-in (`phone_code` first factor) is its own switch: test numbers need no allowlist.
    ...attribute(
      enabled,
      false,
      s.auth.phone_number.sign_in_with_code ? ['phone_code'] : [],
      enabled ? ['phone_code'] : [],
    ),
    verify_at_sign_up: false,
    used_for_second_factor: secondFactor,
    second_factors: secondFactor ? ['phone_code'] : [],
  };
};

/** The first factors besides a password the instance enables (components render only these). */
const passwordless = (s: Instance['settings']): string[] => [
  ...(s.auth.email_address.sign_in_with_code ? ['email_code'] : []),
  ...(s.auth.email_address.sign_in_with_link ? ['email_link'] : []),
  ...(s.auth.passkey.enabled ? ['passkey'] : []),
];

/** What the instance allows, in Clerk's environment shape; components build their forms from it. */
export function environmentView(
  instance: Instance,
  social: { strategy: string; name: string }[] = [],
): EnvironmentObject {
  const s = instance.settings;
  // Without the Account Portal there is no hosted page to point at: null, or the app's own URL
  // where the instance set one (an absolute `after_sign_in_url` / `after_sign_up_url`).
  const enabled = s.account_portal.enabled;
  const portal = (path: string) => (enabled ? `${instance.frontendApiUrl}${path}` : null);
  const absolute = (url: string) => (url.startsWith('/') ? portal(url) : url);
  return {
    auth_config: {
      object: 'auth_config',
      id: `aac_${instance.id}`,
      first_name: onOff(s.auth.first_name),
      last_name: onOff(s.auth.last_name),
      email_address: 'required',
      phone_number: 'off',
      username: onOff(s.auth.username),
      password: 'required',
      identification_strategies: [
        'email_address',
        ...(s.auth.username.enabled ? ['username'] : []),
        ...(s.auth.phone_number.sign_in_with_code ? ['phone_number'] : []),
      ],
      first_factors: ['password', ...passwordless(s), ...(s.auth.phone_number.sign_in_with_code ? ['phone_code'] : [])],
      second_factors: [],
      email_address_verification_strategies: s.auth.email_address.verify_at_sign_up ? ['email_code'] : [],
      single_session_mode: !s.sessions.multi_session.enabled,
      test_mode: false,
      reverification: false,
    },
    display_config: {
      object: 'display_config',
      id: `display_config_${instance.id}`,
      instance_environment_type: instance.environment,
      application_name: s.application_name,
      preferred_sign_in_strategy: 'password',
      support_email: s.support_email,
      branded: false,
      home_url: instance.frontendApiUrl,
      sign_in_url: portal('/sign-in'),
      sign_up_url: portal('/sign-up'),
      user_profile_url: portal('/user'),
      // What the hosted portal itself falls back to (see http/portal/page-config.ts).
      after_sign_in_url: absolute(defaultAfterAuthUrl(instance, 'sign-in')),
      after_sign_up_url: absolute(defaultAfterAuthUrl(instance, 'sign-up')),
      after_sign_out_one_url: portal('/sign-in'),
      after_sign_out_all_url: portal('/sign-in'),
      show_devmode_warning: instance.environment === 'development',
      captcha_provider:
        s.attack_protection.bot_protection.mode === 'off' ? null : s.attack_protection.bot_protection.provider,
      captcha_widget_type: s.attack_protection.bot_protection.mode === 'always' ? 'smart' : 'invisible',
      captcha_public_key:
        s.attack_protection.bot_protection.provider === 'turnstile'
          ? s.attack_protection.bot_protection.turnstile_site_key
          : null,
    },
    user_settings: {
      attributes: {
        email_address: attribute(
          true,
          true,
          passwordless(s).filter((f) => f !== 'passkey'),
          s.auth.email_address.verify_at_sign_up ? ['email_code'] : [],
        ),
        username: attribute(s.auth.username.enabled, s.auth.username.required),
        first_name: attribute(s.auth.first_name.enabled, s.auth.first_name.required),
        last_name: attribute(s.auth.last_name.enabled, s.auth.last_name.required),
        password: attribute(true, true, ['password']),
        phone_number: phoneNumberAttribute(s),
        web3_wallet: attribute(false, false),
        authenticator_app: secondFactorAttribute(s, 'totp'),
        backup_code: secondFactorAttribute(s, 'backup_code'),
        passkey: attribute(s.auth.passkey.enabled, false, s.auth.passkey.enabled ? ['passkey'] : []),
        ticket: attribute(false, false),
      },
      social: Object.fromEntries(
        social.map((p) => [
          p.strategy,
          {
            enabled: true,
            required: false,
            authenticatable: true,
            block_email_subdomains: false,
            strategy: p.strategy,
            not_selectable: false,
            deprecated: false,
            name: p.name,
            logo_url: `${instance.frontendApiUrl}/v1/oauth_logos/${providerMarkFile(p.strategy)}`,
          },
        ]),
      ),
      sign_in: { second_factor: { required: s.auth.multi_factor.required } },
      sign_up: {
        captcha_enabled: s.attack_protection.bot_protection.mode !== 'off',
        custom_action_required: false,
        progressive: true,
        mode: s.sign_up.mode,
        legal_consent_enabled: false,
      },
      password_settings: {
        // The bundled breached list is always checked; `disable_hibp` tells whether the online check runs too.
        disable_hibp: !s.attack_protection.pwned_passwords.enabled,
        min_length: s.auth.password.min_length,
        max_length: s.auth.password.max_length,
        require_special_char: s.auth.password.require_special_char,
        require_numbers: s.auth.password.require_numbers,
        require_uppercase: s.auth.password.require_uppercase,
        require_lowercase: s.auth.password.require_lowercase,
        show_zxcvbn: s.auth.password.min_zxcvbn_score > 0,
        min_zxcvbn_strength: s.auth.password.min_zxcvbn_score,
        enforce_hibp_on_sign_in: s.attack_protection.pwned_passwords.enforce_on_sign_in,
        // Any character that is neither a letter nor a digit counts as special.
        allowed_special_characters: '',
      },
      username_settings: { min_length: s.auth.username.min_length, max_length: s.auth.username.max_length },
      attack_protection: {
        enumeration_protection: { enabled: s.attack_protection.user_enumeration.mode === 'strict' },
      },
      actions: { delete_self: true, create_organization: false },
    },
    organization_settings: { enabled: false },
    maintenance_mode: false,
    client_debug_mode: false,
  };
}
