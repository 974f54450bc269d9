/**
 * Secret keys: `sk_test_`/`sk_live_` + 256 random bits. Only the SHA-256 of a key is stored;
 * the key itself is shown once, when it is created.
 */
import type { Random } from '../random.ts';
import { hashToken, type TokenHash } from '../secrets.ts';
import type { Environment } from './instance.ts';

export interface SecretKey {
  id: string;
  instanceId: string;
  name: string;
  last4: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export function generateSecretKey(
  random: Random,
  environment: Environment,
): { key: string; hash: TokenHash; last4: string } {
  const key = `${environment === 'production' ? 'sk_live_' : 'sk_test_'}${random.token()}`;
  return { key, hash: hashToken(key), last4: key.slice(-4) };
}

export const looksLikeSecretKey = (v: string): boolean => /^sk_(test|live)_[A-Za-z0-9_-]{43}$/.test(v);
