/**
 * Storage port of passkeys.
 * The conventions every port follows are in `domain/store.ts`.
 */

/** A user's passkey (WebAuthn credential); pending until its attestation verified (credential null). */
export interface StoredPasskey {
  id: string;
  instanceId: string;
  userId: string;
  name: string;
  /** base64url credential id; null while pending. */
  credentialId: string | null;
  /** base64url COSE public key; null while pending. */
  publicKey: string | null;
  counter: number;
  transports: string[];
  verifiedAt: number | null;
  lastUsedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface PasskeyRepository {
  create(p: StoredPasskey): Promise<void>;
  findById(instanceId: string, id: string): Promise<StoredPasskey | null>;
  findByCredentialId(instanceId: string, credentialId: string): Promise<StoredPasskey | null>;
  listByUser(instanceId: string, userId: string): Promise<StoredPasskey[]>;
  /** Stores the credential of a pending passkey; false if it was no longer pending or the credential is taken. */
  markVerified(
    instanceId: string,
    id: string,
    credential: { credentialId: string; publicKey: string; counter: number; transports: string[] },
    now: number,
  ): Promise<boolean>;
  recordUse(instanceId: string, id: string, counter: number, now: number): Promise<void>;
  rename(instanceId: string, id: string, name: string, now: number): Promise<void>;
  delete(instanceId: string, id: string): Promise<boolean>;
}
