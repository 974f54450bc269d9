import type { EnvironmentObject } from '@gatehouse/shared/wire';
import type { Instance } from '../../domain/instances/instance.ts';

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

/** What the instance allows, in Clerk's environment shape; components build their forms from it. */
export function environmentView(instance: Instance): EnvironmentObject {
  const s = instance.settings;
  const portal = (path: string) => `${instance.frontendApiUrl}${path}`;
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
      identification_strategies: s.auth.username.enabled ? ['email_address', 'username'] : ['email_address'],
      first_factors: ['password'],
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
      after_sign_in_url: instance.frontendApiUrl,
      after_sign_up_url: instance.frontendApiUrl,
      after_sign_out_one_url: portal('/sign-in'),
      after_sign_out_all_url: portal('/sign-in'),
      show_devmode_warning: instance.environment === 'development',
    },
    user_settings: {
      attributes: {
        email_address: attribute(true, true, [], s.auth.email_address.verify_at_sign_up ? ['email_code'] : []),
        username: attribute(s.auth.username.enabled, s.auth.username.required),
        first_name: attribute(s.auth.first_name.enabled, s.auth.first_name.required),
        last_name: attribute(s.auth.last_name.enabled, s.auth.last_name.required),
        password: attribute(true, true, ['password']),
        phone_number: attribute(false, false),
        web3_wallet: attribute(false, false),
        authenticator_app: attribute(false, false),
        backup_code: attribute(false, false),
        passkey: attribute(false, false),
        ticket: attribute(false, false),
      },
      social: {},
      sign_in: { second_factor: { required: false } },
      sign_up: {
        captcha_enabled: false,
        custom_action_required: false,
        progressive: true,
        mode: s.sign_up.mode,
        legal_consent_enabled: false,
      },
      password_settings: {
        disable_hibp: true,
        min_length: s.auth.password.min_length,
        max_length: s.auth.password.max_length,
        require_special_char: false,
        require_numbers: false,
        require_uppercase: false,
        require_lowercase: false,
        show_zxcvbn: false,
        min_zxcvbn_strength: 0,
        enforce_hibp_on_sign_in: false,
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
