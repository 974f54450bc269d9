/**
 * Storage ports of instances: the instances themselves, their secret keys and signing keys.
 * The conventions every port follows are in `domain/store.ts`.
 */
import type { Instance } from './instance.ts';
import type { SecretKey } from './secret-key.ts';

export interface StoredInstance extends Instance {
  /** Only the settings an operator changed; `settings` is these over the defaults. */
  settingsOverrides: Record<string, unknown>;
}

export interface InstanceRepository {
  create(i: StoredInstance): Promise<void>;
  findById(id: string): Promise<StoredInstance | null>;
  findByHost(host: string): Promise<StoredInstance | null>;
  list(): Promise<StoredInstance[]>;
  updateSettings(id: string, overrides: Record<string, unknown>, now: number): Promise<void>;
}

export interface SecretKeyRepository {
  create(k: SecretKey, hash: string): Promise<void>;
  /** The unrevoked key with this hash, and its instance id. */
  findActiveByHash(hash: string): Promise<SecretKey | null>;
  list(instanceId: string): Promise<SecretKey[]>;
  revoke(instanceId: string, id: string, now: number): Promise<boolean>;
  touch(id: string, now: number): Promise<void>;
}

/** A public signing key as published in the JWKS. */
export interface PublicJwk {
  kid: string;
  kty: string;
  alg: string;
  use: string;
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
}

export interface SigningKeyRecord {
  kid: string;
  instanceId: string;
  alg: 'ES256' | 'RS256';
  publicJwk: PublicJwk;
  /** The private JWK, encrypted with the deployment secret (compact JWE). */
  privateJwkEncrypted: string;
  status: 'active' | 'retired';
  createdAt: number;
  retiredAt: number | null;
  publishUntil: number | null;
}

export interface SigningKeyRepository {
  create(k: SigningKeyRecord): Promise<void>;
  findActive(instanceId: string): Promise<SigningKeyRecord | null>;
  /** The active key and every retired key still within its publication window. */
  listPublished(instanceId: string, now: number): Promise<SigningKeyRecord[]>;
  retire(instanceId: string, kid: string, now: number, publishUntil: number): Promise<void>;
}
