/**
 * Password rules for new passwords (sign-up, change, admin set):
 * - length between the instance's min and max (8 and 128 by default), counted in characters;
 * - at most 512 bytes in UTF-8, so a hash input stays bounded whatever the characters.
 * Strength and breach checks come from the attack-protection settings.
 */
import { GatehouseError } from '@gatehouse/shared';

export interface PasswordRules {
  min_length: number;
  max_length: number;
}

export function checkNewPassword(password: string, rules: PasswordRules, paramName = 'password'): void {
  const length = [...password].length;
  if (length < rules.min_length)
    throw new GatehouseError('form_password_length_too_short', {
      longMessage: `Passwords must be ${rules.min_length} characters or more.`,
      meta: { param_name: paramName, min_length: rules.min_length },
    });
  if (length > rules.max_length || Buffer.byteLength(password) > 512)
    throw new GatehouseError('form_password_length_too_long', {
      longMessage: `Passwords must be ${rules.max_length} characters or fewer.`,
      meta: { param_name: paramName, max_length: rules.max_length },
    });
}
