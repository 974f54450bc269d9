import { describe, expect, it } from 'vitest';
import { TokenCache } from './token-cache.ts';

/** A token shaped like the server's (only the payload's iat and exp matter to the cache). */
const jwt = (iat: number, exp: number) =>
  `${btoa(JSON.stringify({ alg: 'ES256' }))}.${btoa(JSON.stringify({ iat, exp })).replace(/=+$/, '')}.sig`;

describe('TokenCache', () => {
  it('reuses a 60-second token until the leeway before its expiry, then asks for a new one', () => {
    const cache = new TokenCache();
    cache.set('sess_1', jwt(1000, 1060), 0);
    expect(cache.get('sess_1', 49_000, 10_000)?.jwt).toBe(jwt(1000, 1060));
    expect(cache.get('sess_1', 50_000, 10_000)).toBeNull();
  });

  it('caps the leeway at half the lifetime, so a 5-second token is reused for its first half', () => {
    const cache = new TokenCache();
    cache.set('sess_1', jwt(1000, 1005), 0);
    expect(cache.get('sess_1', 2_000, 10_000)).not.toBeNull();
    expect(cache.get('sess_1', 2_500, 10_000)).toBeNull();
  });

  it('measures expiry on its own clock, from when the token was minted', () => {
    const cache = new TokenCache();
    // Server time (iat) is far from the SDK's clock: only the lifetime (exp - iat) counts.
    const entry = cache.set('sess_1', jwt(5_000_000, 5_000_060), 123_000);
    expect(entry.expiresAt).toBe(183_000);
  });
});
