/**
 * Session-token signing keys, with jose.
 *
 * A key pair is generated per instance (ES256 by default, RS256 2048-bit as an option). The
 * private JWK is stored encrypted (JWE, `dir` + A256GCM) under a key derived from the
 * deployment secret, so a copy of the database alone cannot mint tokens.
 */
import { hkdfSync } from 'node:crypto';
import {
  CompactEncrypt,
  compactDecrypt,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';
import type { Random } from '../../domain/random.ts';
import type { PublicJwk, SigningKeyRecord } from '../../domain/store.ts';

export type SigningAlgorithm = 'ES256' | 'RS256';

/** Derives the key-encryption key from the deployment secret (HKDF-SHA256, one purpose per key). */
export const deriveKeyEncryptionKey = (deploymentSecret: Uint8Array): Uint8Array =>
  new Uint8Array(hkdfSync('sha256', deploymentSecret, 'gatehouse', 'signing-key-encryption', 32));

export async function generateSigningKey(
  instanceId: string,
  alg: SigningAlgorithm,
  random: Random,
  kek: Uint8Array,
  now: number,
): Promise<SigningKeyRecord> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true, modulusLength: 2048 });
  const kid = random.id('key');
  const exported = await exportJWK(publicKey);
  const publicJwk: PublicJwk = {
    kid,
    kty: exported.kty!,
    alg,
    use: 'sig',
    ...(exported.crv && { crv: exported.crv, x: exported.x, y: exported.y }),
    ...(exported.n && { n: exported.n, e: exported.e }),
  };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg };
  const privateJwkEncrypted = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(privateJwk)))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid })
    .encrypt(kek);
  return {
    kid,
    instanceId,
    alg,
    publicJwk,
    privateJwkEncrypted,
    status: 'active',
    createdAt: now,
    retiredAt: null,
    publishUntil: null,
  };
}

export interface LoadedSigningKey {
  kid: string;
  alg: SigningAlgorithm;
  key: CryptoKey;
}

export async function loadSigningKey(record: SigningKeyRecord, kek: Uint8Array): Promise<LoadedSigningKey> {
  const { plaintext } = await compactDecrypt(record.privateJwkEncrypted, kek);
  const jwk = JSON.parse(new TextDecoder().decode(plaintext)) as JWK;
  const key = (await importJWK(jwk, record.alg)) as CryptoKey;
  return { kid: record.kid, alg: record.alg, key };
}

export const signJwt = (payload: JWTPayload, key: LoadedSigningKey): Promise<string> =>
  new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' }).sign(key.key);
