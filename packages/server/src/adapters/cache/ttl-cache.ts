/**
 * A small per-node cache with a time-to-live and single-flight loading: concurrent misses for
 * one key share one load. The TTL bounds how stale a node can be when no invalidation reaches
 * it (several nodes without Redis); explicit `delete` makes local changes visible at once.
 */
import type { Clock } from '../../domain/clock.ts';

export class TtlCache<V> {
  readonly #ttlMs: number;
  readonly #clock: Clock;
  readonly #entries = new Map<string, { value: Promise<V>; expiresAt: number }>();

  constructor(ttlMs: number, clock: Clock) {
    this.#ttlMs = ttlMs;
    this.#clock = clock;
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = this.#clock.now();
    const hit = this.#entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    const value = load();
    this.#entries.set(key, { value, expiresAt: now + this.#ttlMs });
    // A failed load must not be cached.
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    return value;
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Deletes every key for which `match` is true. */
  deleteWhere(match: (key: string) => boolean): void {
    for (const key of this.#entries.keys()) if (match(key)) this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
