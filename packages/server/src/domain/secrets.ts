/**
 * Hashing of secrets we must recognise later but never store: client tokens, secret keys,
 * one-time codes. 256-bit random tokens need no slow hash (nothing to brute-force), so
 * SHA-256 is right for them; short codes are keyed (HMAC) with the deployment secret so a
 * leaked table cannot be reversed by trying all 10^6 codes. Comparisons are constant-time.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type TokenHash = string & { readonly __brand: 'TokenHash' };

export const hashToken = (token: string): TokenHash => createHash('sha256').update(token).digest('hex') as TokenHash;

export const hmacCode = (key: Uint8Array, context: string, code: string): TokenHash =>
  createHmac('sha256', key).update(context).update('\0').update(code).digest('hex') as TokenHash;

/** Constant-time equality of two hex digests (or any two strings of equal length). */
export const constantTimeEqual = (a: string, b: string): boolean => {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  if (ab.length !== bb.length) return false;
  return timingSafeEqual(ab, bb);
};
