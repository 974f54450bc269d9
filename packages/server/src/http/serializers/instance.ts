import { maskWriteOnlySettings } from '@gatehouse/shared/instance-settings';
import type { InstanceObject, SecretKeyObject } from '@gatehouse/shared/wire';
import { encodePublishableKey } from '../../domain/instances/publishable-key.ts';
import type { SecretKey } from '../../domain/instances/secret-key.ts';
import type { StoredInstance } from '../../domain/store.ts';

export const instanceView = (i: StoredInstance): InstanceObject => ({
  object: 'instance',
  id: i.id,
  name: i.name,
  environment_type: i.environment,
  publishable_key: encodePublishableKey(i.environment, i.frontendApiHost),
  frontend_api_url: i.frontendApiUrl,
  allowed_origins: i.settings.allowed_origins,
  settings: maskWriteOnlySettings(i.settings),
  created_at: i.createdAt,
  updated_at: i.updatedAt,
});

export const secretKeyView = (k: SecretKey, secret?: string): SecretKeyObject => ({
  object: 'secret_key',
  id: k.id,
  name: k.name,
  last4: k.last4,
  ...(secret !== undefined && { secret }),
  created_at: k.createdAt,
  last_used_at: k.lastUsedAt,
  revoked_at: k.revokedAt,
});
