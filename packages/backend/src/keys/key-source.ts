/**
 * Where verification keys come from, fetched at most once per interval:
 * - `jwtKey`: a PEM public key (SPKI) — no network at all;
 * - the Backend API's `/v1/jwks` with the secret key, or the Frontend API's public
 *   `/.well-known/jwks.json`.
 * Keys are imported once into CryptoKeys and kept per source. An unknown `kid` refetches the
 * JWKS, but at most once per `kidMissRefetchIntervalMs`, so garbage tokens cannot make the SDK
 * hammer the API. Web-standard APIs only (fetch, WebCrypto), so it runs on edge runtimes.
 */
import { importJWK, importSPKI, type JWK } from 'jose';
import { TokenVerificationError } from '../errors.ts';

export interface KeyResolver {
  /**
   * The key for a token header, or throws `jwk-kid-mismatch`. A cached key comes back
   * synchronously: verification is the hot path, and a promise per token costs measurably.
   */
  resolve(header: { kid?: string; alg?: string }): CryptoKey | Promise<CryptoKey>;
}

const ALGS = new Set(['ES256', 'RS256']);

export function pemKeyResolver(pem: string, alg?: string): KeyResolver {
  const keys = new Map<string, Promise<CryptoKey>>();
  return {
    resolve(header) {
      const a = alg ?? header.alg ?? 'RS256';
      if (!ALGS.has(a)) throw new TokenVerificationError('token-invalid-algorithm', `Algorithm ${a} is not accepted.`);
      let key = keys.get(a);
      if (!key) {
        key = importSPKI(pem.replace(/\\n/g, '\n'), a).catch((cause: unknown) => {
          keys.delete(a);
          throw new TokenVerificationError('jwk-invalid', 'jwtKey is not a valid PEM public key.', { cause });
        });
        keys.set(a, key);
      }
      return key;
    },
  };
}

export interface RemoteJwksOptions {
  url: string;
  headers?: Record<string, string>;
  /** How long fetched keys are trusted before a refresh (default 1 hour). */
  cacheTtlMs?: number;
  /** The least time between two refetches caused by unknown kids (default 5 minutes). */
  kidMissRefetchIntervalMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

interface JwksState {
  keys: Map<string, CryptoKey>;
  fetchedAt: number;
  lastMissRefetchAt: number;
  inflight: Promise<void> | null;
}

const states = new Map<string, JwksState>();

/** Forgets every cached JWKS (tests, key-compromise drills). */
export const clearJwksCache = (): void => states.clear();

export function remoteJwksResolver(opts: RemoteJwksOptions): KeyResolver {
  const ttl = opts.cacheTtlMs ?? 3600_000;
  const missInterval = opts.kidMissRefetchIntervalMs ?? 300_000;
  const now = opts.now ?? Date.now;
  const doFetch = opts.fetch ?? fetch;
  const cacheKey = `${opts.url}\0${opts.headers?.authorization ?? ''}`;
  // Looked up on every use (one map read), so clearJwksCache() also resets live resolvers.
  const stateOf = (): JwksState => {
    let state = states.get(cacheKey);
    if (!state) {
      state = { keys: new Map(), fetchedAt: 0, lastMissRefetchAt: 0, inflight: null };
      states.set(cacheKey, state);
    }
    return state;
  };

  const load = (s: JwksState): Promise<void> => {
    s.inflight ??= (async () => {
      let body: unknown;
      try {
        const res = await doFetch(opts.url, { headers: { accept: 'application/json', ...opts.headers } });
        if (!res.ok) throw new Error(`JWKS request answered ${res.status}`);
        body = await res.json();
      } catch (cause) {
        throw new TokenVerificationError('jwk-failed-to-load', `Could not load the JWKS from ${opts.url}.`, { cause });
      }
      const list = (body as { keys?: unknown })?.keys;
      if (!Array.isArray(list)) throw new TokenVerificationError('jwk-invalid', 'The JWKS has no keys array.');
      const keys = new Map<string, CryptoKey>();
      for (const jwk of list as JWK[]) {
        if (typeof jwk?.kid !== 'string' || !jwk.alg || !ALGS.has(jwk.alg)) continue;
        keys.set(jwk.kid, (await importJWK(jwk, jwk.alg)) as CryptoKey);
      }
      s.keys = keys;
      s.fetchedAt = now();
    })().finally(() => {
      s.inflight = null;
    });
    return s.inflight;
  };

  const slow = async (s: JwksState, kid: string): Promise<CryptoKey> => {
    if (s.fetchedAt === 0 || now() - s.fetchedAt > ttl) await load(s);
    let key = s.keys.get(kid);
    if (!key && now() - s.lastMissRefetchAt >= missInterval) {
      s.lastMissRefetchAt = now();
      await load(s);
      key = s.keys.get(kid);
    }
    if (!key)
      throw new TokenVerificationError(
        'jwk-kid-mismatch',
        `No key with kid ${kid} in the JWKS (refetched at most once per interval).`,
      );
    return key;
  };

  return {
    resolve(header) {
      if (!header.alg || !ALGS.has(header.alg))
        throw new TokenVerificationError('token-invalid-algorithm', `Algorithm ${header.alg} is not accepted.`);
      if (!header.kid) throw new TokenVerificationError('jwk-kid-mismatch', 'The token has no kid.');
      const s = stateOf();
      const cached = s.fetchedAt !== 0 && now() - s.fetchedAt <= ttl ? s.keys.get(header.kid) : undefined;
      return cached ?? slow(s, header.kid);
    },
  };
}
