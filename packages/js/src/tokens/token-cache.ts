/**
 * Session tokens by session id. A token's expiry is kept as `mintedAt + (exp - iat)` on the
 * SDK's own clock, so a browser whose clock is off from the server's still refreshes in time.
 */
import { readTokenTimes } from './jwt.ts';

export interface CachedToken {
  jwt: string;
  /** When it was minted, on the SDK's clock (ms). */
  mintedAt: number;
  /** When it expires, on the SDK's clock (ms). */
  expiresAt: number;
  /** The token's own `iat` (seconds, server time): the value `__client_uat` takes with it. */
  iat: number;
}

export class TokenCache {
  readonly #tokens = new Map<string, CachedToken>();

  /**
   * The cached token if it stays valid for more than `leewayMs` after `now`. The leeway is at
   * most half the token's lifetime, so an instance with very short tokens still reuses each one
   * for its first half instead of minting on every call.
   */
  get(sessionId: string, now: number, leewayMs: number): CachedToken | null {
    const t = this.#tokens.get(sessionId);
    if (!t) return null;
    const leeway = Math.min(leewayMs, (t.expiresAt - t.mintedAt) / 2);
    return t.expiresAt - now > leeway ? t : null;
  }

  peek(sessionId: string): CachedToken | null {
    return this.#tokens.get(sessionId) ?? null;
  }

  set(sessionId: string, jwt: string, mintedAt: number): CachedToken {
    const { iat, exp } = readTokenTimes(jwt);
    const entry = { jwt, mintedAt, expiresAt: mintedAt + (exp - iat) * 1000, iat };
    this.#tokens.set(sessionId, entry);
    return entry;
  }

  /** Forgets one session's token, or all of them. */
  clear(sessionId?: string): void {
    if (sessionId === undefined) this.#tokens.clear();
    else this.#tokens.delete(sessionId);
  }

  /** Keeps only the tokens of these sessions. */
  retain(sessionIds: Iterable<string>): void {
    const keep = new Set(sessionIds);
    for (const id of [...this.#tokens.keys()]) if (!keep.has(id)) this.#tokens.delete(id);
  }
}
