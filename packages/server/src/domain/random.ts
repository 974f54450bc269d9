/**
 * Randomness, injected. Every secret comes from the operating system's CSPRNG.
 * - `id(prefix)`: a public identifier, 128 random bits in base62 (`user_3kX...`).
 * - `token()`: a secret, 256 random bits in base64url.
 * - `digits(n)`: a one-time code, uniformly distributed (rejection sampling, no modulo bias).
 */
import { randomBytes, randomInt } from 'node:crypto';

export interface Random {
  id(prefix: string): string;
  token(): string;
  digits(length: number): string;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const base62 = (bytes: Uint8Array): string => {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = '';
  while (n > 0n) {
    out = BASE62[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out.padStart(22, '0');
};

export const cryptoRandom: Random = {
  id: (prefix) => `${prefix}_${base62(randomBytes(16))}`,
  token: () => randomBytes(32).toString('base64url'),
  digits: (length) => {
    let out = '';
    for (let i = 0; i < length; i++) out += String(randomInt(10));
    return out;
  },
};
