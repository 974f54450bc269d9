/**
 * Session tokens for the SDK: one mint at a time per session, a cache that answers while a
 * token has more than `LEEWAY_MS` left, the `__session`/`__client_uat` cookies kept in step with
 * the active session, and tokens shared with other tabs so they need not mint their own.
 */
import type { TabMessage, TabSync } from '../core/tab-sync.ts';
import type { FapiRequest } from '../transport/fapi-client.ts';
import type { SessionCookies } from './session-cookies.ts';
import { TokenCache } from './token-cache.ts';

/** A cached token this close to expiry is replaced. */
export const LEEWAY_MS = 10_000;

export interface SessionTokensDeps {
  request<T>(req: FapiRequest): Promise<T>;
  now(): number;
  cookies: SessionCookies | null;
  sync: TabSync;
  clientId(): string | null;
  activeSessionId(): string | null;
}

export class SessionTokens {
  readonly #deps: SessionTokensDeps;
  readonly #cache = new TokenCache();
  readonly #inflight = new Map<string, Promise<string>>();

  constructor(deps: SessionTokensDeps) {
    this.#deps = deps;
  }

  get(sessionId: string, opts: { skipCache?: boolean } = {}): Promise<string> {
    const cached = opts.skipCache ? null : this.#cache.get(sessionId, this.#deps.now(), LEEWAY_MS);
    if (cached) return Promise.resolve(cached.jwt);
    const pending = this.#inflight.get(sessionId);
    if (pending) return pending;
    const p = this.#mint(sessionId).finally(() => this.#inflight.delete(sessionId));
    this.#inflight.set(sessionId, p);
    return p;
  }

  /** A token minted less than `maxAgeMs` ago that is not near expiry (minted here or by another tab). */
  isFresh(sessionId: string, maxAgeMs: number): boolean {
    const t = this.#cache.peek(sessionId);
    const now = this.#deps.now();
    return t !== null && now - t.mintedAt < maxAgeMs && t.expiresAt - now > LEEWAY_MS;
  }

  async #mint(sessionId: string): Promise<string> {
    const mintedAt = this.#deps.now();
    const { jwt } = await this.#deps.request<{ jwt: string }>({
      method: 'POST',
      path: `/v1/client/sessions/${encodeURIComponent(sessionId)}/tokens`,
      idempotent: true,
    });
    const entry = this.#cache.set(sessionId, jwt, mintedAt);
    if (sessionId === this.#deps.activeSessionId()) {
      const uat = this.#deps.cookies?.currentUat();
      this.#deps.cookies?.signedIn(jwt, uat ? undefined : entry.iat);
    }
    this.#deps.sync.post({ type: 'token', clientId: this.#deps.clientId(), sessionId, jwt, mintedAt });
    return jwt;
  }

  /** The active session changed: a fresh token and `__client_uat` for it, or the signed-out cookies. */
  async sessionChanged(sessionId: string | null): Promise<void> {
    const { cookies } = this.#deps;
    if (!cookies) return;
    if (sessionId === null) {
      cookies.signedOut();
      return;
    }
    await this.get(sessionId, { skipCache: true });
    const entry = this.#cache.peek(sessionId);
    if (entry && sessionId === this.#deps.activeSessionId()) cookies.signedIn(entry.jwt, entry.iat);
  }

  /** A token another tab minted. */
  accept(m: Extract<TabMessage, { type: 'token' }>): void {
    const current = this.#cache.peek(m.sessionId);
    if (!current || current.mintedAt < m.mintedAt) this.#cache.set(m.sessionId, m.jwt, m.mintedAt);
  }

  retain(sessionIds: Iterable<string>): void {
    this.#cache.retain(sessionIds);
  }
}
