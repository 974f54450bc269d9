/**
 * Encryption of stored secrets we must read back (TOTP secrets), with jose: compact JWE,
 * `dir` + A256GCM, as the signing keys are stored (`signing-keys.ts`), under a key of its own
 * derived from the deployment secret. The context (the owner's id) goes in the protected
 * header, which GCM authenticates, so a sealed value copied to another row does not open.
 */
import { hkdfSync } from 'node:crypto';
import { CompactEncrypt, compactDecrypt } from 'jose';
import type { SecretBox } from '../../domain/ports.ts';

export const deriveSecretBoxKey = (deploymentSecret: Uint8Array): Uint8Array =>
  new Uint8Array(hkdfSync('sha256', deploymentSecret, 'gatehouse', 'stored-secret-encryption', 32));

export function createSecretBox(key: Uint8Array): SecretBox {
  return {
    seal: (plaintext, context) =>
      new CompactEncrypt(new TextEncoder().encode(plaintext))
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', ctx: context })
        .encrypt(key),
    async open(sealed, context) {
      const { plaintext, protectedHeader } = await compactDecrypt(sealed, key);
      if (protectedHeader.ctx !== context) throw new Error('sealed secret belongs to another context');
      return new TextDecoder().decode(plaintext);
    },
  };
}
