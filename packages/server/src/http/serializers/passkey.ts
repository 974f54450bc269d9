import type { PasskeyObject } from '@gatehouse/shared/wire';
import type { StoredPasskey } from '../../domain/store.ts';

/** A passkey in Clerk's shape; `nonce` carries the creation options of one being added. */
export function passkeyView(p: StoredPasskey, creation?: { options: unknown; expireAt: number | null }): PasskeyObject {
  return {
    object: 'passkey',
    id: p.id,
    name: p.name,
    last_used_at: p.lastUsedAt,
    verification: {
      object: 'verification',
      status: p.verifiedAt !== null ? 'verified' : 'unverified',
      strategy: 'passkey',
      attempts: null,
      expire_at: creation?.expireAt ?? null,
      ...(creation ? { nonce: JSON.stringify(creation.options) } : {}),
    },
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}
