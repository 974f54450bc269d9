/**
 * The deployment secret: the root of the keys that encrypt signing keys and key one-time-code
 * hashes. From GATEHOUSE_SECRET (hex or base64, at least 32 bytes) in production. On a laptop,
 * generated once into `.gatehouse/secret.key` beside the embedded database, with a loud warning:
 * every node of a deployment MUST share one secret, and losing it loses the signing keys.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export function decodeSecret(v: string): Uint8Array {
  const trimmed = v.trim();
  const bytes = /^[0-9a-fA-F]+$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (bytes.length < 32) throw new TypeError('GATEHOUSE_SECRET must hold at least 32 bytes (64 hex characters)');
  return new Uint8Array(bytes);
}

export function loadDeploymentSecret(
  configured: string | null,
  fallbackFile: string,
  warn: (msg: string) => void,
): Uint8Array {
  if (configured) return decodeSecret(configured);
  const path = resolve(fallbackFile);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  warn(
    `GATEHOUSE_SECRET is not set: using the generated development secret in ${path}. ` +
      'This MUST be changed in production: set GATEHOUSE_SECRET to the same 32+ random bytes on every node.',
  );
  return decodeSecret(readFileSync(path, 'utf8'));
}
