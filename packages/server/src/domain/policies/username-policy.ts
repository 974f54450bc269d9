/**
 * Username rules: lower-cased; letters, digits, `_`, `-` and `.`; must contain a letter
 * (so a username never looks like an id or a phone number); length from the instance settings.
 */
import { GatehouseError } from '@gatehouse/shared';

export const normalizeUsername = (v: string): string => v.trim().toLowerCase();

export function checkUsername(username: string, rules: { min_length: number; max_length: number }): void {
  if (username.length < rules.min_length || username.length > rules.max_length)
    throw new GatehouseError('form_username_invalid', {
      longMessage: `Usernames must be between ${rules.min_length} and ${rules.max_length} characters long.`,
      meta: { param_name: 'username' },
    });
  if (!/^[a-z0-9_.-]+$/.test(username) || !/[a-z]/.test(username))
    throw new GatehouseError('form_username_invalid', {
      longMessage: 'Usernames may contain letters, digits, "_", "-" and "." and must contain a letter.',
      meta: { param_name: 'username' },
    });
}
