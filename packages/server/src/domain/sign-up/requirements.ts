/**
 * What a sign-up still needs, from the instance settings:
 * - `required_fields`: email_address and password always; username, first_name, last_name when required;
 * - `optional_fields`: the enabled fields that are not required;
 * - `missing_fields`: required fields with no value yet;
 * - `unverified_fields`: email_address while it must be verified at sign-up and is not.
 * The sign-up is `complete` when nothing is missing or unverified.
 */
import type { InstanceSettings } from '../../config/instance-settings.ts';
import type { SignUp, SignUpStatus } from './sign-up.ts';

export type SignUpField = 'email_address' | 'password' | 'username' | 'first_name' | 'last_name';

export interface SignUpRequirements {
  required: SignUpField[];
  optional: SignUpField[];
  missing: SignUpField[];
  unverified: SignUpField[];
  status: SignUpStatus;
}

const hasValue = (s: SignUp, f: SignUpField): boolean => {
  switch (f) {
    case 'email_address':
      return s.emailAddress !== null;
    case 'password':
      return s.passwordDigest !== null;
    case 'username':
      return s.username !== null;
    case 'first_name':
      return s.firstName !== null;
    case 'last_name':
      return s.lastName !== null;
  }
};

export function signUpRequirements(s: SignUp, settings: InstanceSettings): SignUpRequirements {
  // A sign-up with a verified provider account signs in with that provider: no password needed.
  const social = s.externalAccountVerification?.status === 'verified';
  const required: SignUpField[] = social ? ['email_address'] : ['email_address', 'password'];
  const optional: SignUpField[] = [];
  const place = (field: SignUpField, cfg: { enabled: boolean; required: boolean }) => {
    if (cfg.enabled && cfg.required) required.push(field);
    else if (cfg.enabled) optional.push(field);
  };
  place('username', settings.auth.username);
  place('first_name', settings.auth.first_name);
  place('last_name', settings.auth.last_name);

  const missing = required.filter((f) => !hasValue(s, f));
  const unverified: SignUpField[] =
    s.emailAddress !== null &&
    settings.auth.email_address.verify_at_sign_up &&
    s.emailVerification?.status !== 'verified'
      ? ['email_address']
      : [];
  const status: SignUpStatus =
    s.status === 'abandoned'
      ? 'abandoned'
      : missing.length === 0 && unverified.length === 0
        ? 'complete'
        : 'missing_requirements';
  return { required, optional, missing, unverified, status };
}
