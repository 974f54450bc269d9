import { type Static, Type } from 'typebox';
import { Nullable } from './common.ts';
import { SocialProviderObject } from './external-account.ts';

const OnOff = Type.Union([Type.Literal('on'), Type.Literal('off'), Type.Literal('required')]);

export const Attribute = Type.Object({
  enabled: Type.Boolean(),
  required: Type.Boolean(),
  used_for_first_factor: Type.Boolean(),
  first_factors: Type.Array(Type.String()),
  used_for_second_factor: Type.Boolean(),
  second_factors: Type.Array(Type.String()),
  verifications: Type.Array(Type.String()),
  verify_at_sign_up: Type.Boolean(),
});

/** What the instance allows, for clients to build their forms from (`GET /v1/environment`). */
export const EnvironmentObject = Type.Object(
  {
    auth_config: Type.Object({
      object: Type.Literal('auth_config'),
      id: Type.String(),
      first_name: OnOff,
      last_name: OnOff,
      email_address: OnOff,
      phone_number: OnOff,
      username: OnOff,
      password: OnOff,
      identification_strategies: Type.Array(Type.String()),
      first_factors: Type.Array(Type.String()),
      second_factors: Type.Array(Type.String()),
      email_address_verification_strategies: Type.Array(Type.String()),
      single_session_mode: Type.Boolean(),
      test_mode: Type.Boolean(),
      reverification: Type.Boolean(),
    }),
    display_config: Type.Object({
      object: Type.Literal('display_config'),
      id: Type.String(),
      instance_environment_type: Type.Union([Type.Literal('development'), Type.Literal('production')]),
      application_name: Type.String(),
      preferred_sign_in_strategy: Type.Literal('password'),
      support_email: Nullable(Type.String()),
      branded: Type.Boolean(),
      home_url: Type.String(),
      // The portal's pages and the portal's defaults: null when the instance turned the Account Portal off.
      sign_in_url: Nullable(Type.String()),
      sign_up_url: Nullable(Type.String()),
      user_profile_url: Nullable(Type.String()),
      after_sign_in_url: Nullable(Type.String()),
      after_sign_up_url: Nullable(Type.String()),
      after_sign_out_one_url: Nullable(Type.String()),
      after_sign_out_all_url: Nullable(Type.String()),
      show_devmode_warning: Type.Boolean(),
      captcha_provider: Nullable(Type.Union([Type.Literal('altcha'), Type.Literal('turnstile')])),
      captcha_widget_type: Type.Union([Type.Literal('invisible'), Type.Literal('smart')]),
      captcha_public_key: Nullable(
        Type.String({ description: 'The Turnstile site key, when Turnstile is the provider.' }),
      ),
    }),
    user_settings: Type.Object({
      attributes: Type.Record(Type.String(), Attribute),
      social: Type.Record(Type.String(), SocialProviderObject, {
        description: 'Enabled social providers by strategy, in the order their buttons are shown.',
      }),
      sign_in: Type.Object({ second_factor: Type.Object({ required: Type.Boolean() }) }),
      sign_up: Type.Object({
        captcha_enabled: Type.Boolean(),
        custom_action_required: Type.Boolean(),
        progressive: Type.Boolean(),
        mode: Type.Union([Type.Literal('public'), Type.Literal('restricted')]),
        legal_consent_enabled: Type.Boolean(),
      }),
      password_settings: Type.Object({
        disable_hibp: Type.Boolean(),
        min_length: Type.Integer(),
        max_length: Type.Integer(),
        require_special_char: Type.Boolean(),
        require_numbers: Type.Boolean(),
        require_uppercase: Type.Boolean(),
        require_lowercase: Type.Boolean(),
        show_zxcvbn: Type.Boolean(),
        min_zxcvbn_strength: Type.Integer(),
        enforce_hibp_on_sign_in: Type.Boolean(),
        allowed_special_characters: Type.String(),
      }),
      username_settings: Type.Object({ min_length: Type.Integer(), max_length: Type.Integer() }),
      attack_protection: Type.Object({
        enumeration_protection: Type.Object({ enabled: Type.Boolean() }),
      }),
      actions: Type.Object({ delete_self: Type.Boolean(), create_organization: Type.Boolean() }),
    }),
    organization_settings: Type.Object({ enabled: Type.Boolean() }),
    maintenance_mode: Type.Boolean(),
    client_debug_mode: Type.Boolean(),
  },
  { title: 'Environment' },
);

export type EnvironmentObject = Static<typeof EnvironmentObject>;
