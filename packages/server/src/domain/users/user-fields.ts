/**
 * Profile fields shared by the admin (Backend API) and self-service (`/v1/me`) paths:
 * names trimmed and bounded, usernames normalized, checked and unique, metadata bounded
 * (at most 10 levels of nesting, counting the metadata object itself, then at most 8 KB of JSON;
 * the depth is checked first and without recursion, so measuring the size cannot overflow).
 */
import { GatehouseError } from '@gatehouse/shared';
import type { InstanceSettings } from '../../config/instance-settings.ts';
import { firstPathDeeperThan } from '../policies/json-depth.ts';
import { checkUsername, normalizeUsername } from '../policies/username-policy.ts';
import type { Store, UserPatch } from '../store.ts';
import type { Metadata } from './user.ts';

const NAME_MAX = 100;
const METADATA_MAX_BYTES = 8 * 1024;
export const METADATA_MAX_DEPTH = 10;

export function cleanName(v: string | null, param: string): string | null {
  if (v === null) return null;
  const t = v.trim();
  if (t.length > NAME_MAX)
    throw new GatehouseError('form_param_format_invalid', {
      longMessage: `${param} must be at most ${NAME_MAX} characters.`,
      meta: { param_name: param },
    });
  return t === '' ? null : t;
}

export function checkMetadata(v: Metadata, param: string): Metadata {
  if (firstPathDeeperThan(v, METADATA_MAX_DEPTH) !== null)
    throw new GatehouseError('form_param_format_invalid', {
      longMessage: `${param} must nest at most ${METADATA_MAX_DEPTH} levels deep.`,
      meta: { param_name: param },
    });
  if (Buffer.byteLength(JSON.stringify(v)) > METADATA_MAX_BYTES)
    throw new GatehouseError('form_param_format_invalid', {
      longMessage: `${param} must be at most 8 KB of JSON.`,
      meta: { param_name: param },
    });
  return v;
}

/** A username to store (or null to remove), checked against the rules and other accounts. */
export async function cleanUsername(
  store: Store,
  instanceId: string,
  settings: InstanceSettings,
  v: string | null,
  currentUserId: string | null,
): Promise<string | null> {
  if (v === null || v.trim() === '') return null;
  if (!settings.auth.username.enabled)
    throw new GatehouseError('form_param_unknown', {
      longMessage: 'Usernames are not enabled for this application.',
      meta: { param_name: 'username' },
    });
  const username = normalizeUsername(v);
  checkUsername(username, settings.auth.username);
  const owner = await store.users.findByUsername(instanceId, username);
  if (owner && owner.id !== currentUserId)
    throw new GatehouseError('form_username_exists', { meta: { param_name: 'username' } });
  return username;
}

export interface ProfileInput {
  first_name?: string | null;
  last_name?: string | null;
  username?: string | null;
  unsafe_metadata?: Metadata;
}

export async function profilePatch(
  store: Store,
  instanceId: string,
  settings: InstanceSettings,
  userId: string | null,
  input: ProfileInput,
): Promise<UserPatch> {
  const patch: UserPatch = {};
  if (input.first_name !== undefined) patch.firstName = cleanName(input.first_name, 'first_name');
  if (input.last_name !== undefined) patch.lastName = cleanName(input.last_name, 'last_name');
  if (input.username !== undefined)
    patch.username = await cleanUsername(store, instanceId, settings, input.username, userId);
  if (input.unsafe_metadata !== undefined)
    patch.unsafeMetadata = checkMetadata(input.unsafe_metadata, 'unsafe_metadata');
  return patch;
}
