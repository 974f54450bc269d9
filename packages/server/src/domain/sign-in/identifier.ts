/**
 * Finds the account an identifier names: an email address (contains `@`) or, when the
 * instance enables usernames, a username. Both are compared normalized.
 */
import type { InstanceSettings } from '../../config/instance-settings.ts';
import { normalizeEmail } from '../policies/email-address.ts';
import { normalizeUsername } from '../policies/username-policy.ts';
import type { Store } from '../store.ts';
import type { User } from '../users/user.ts';

export const normalizeIdentifier = (identifier: string): string =>
  identifier.includes('@') ? normalizeEmail(identifier) : normalizeUsername(identifier);

export async function findUserByIdentifier(
  store: Store,
  instanceId: string,
  settings: InstanceSettings,
  identifier: string,
): Promise<User | null> {
  if (identifier.includes('@')) return store.users.findByEmail(instanceId, identifier);
  if (settings.auth.username.enabled) return store.users.findByUsername(instanceId, identifier);
  return null;
}
