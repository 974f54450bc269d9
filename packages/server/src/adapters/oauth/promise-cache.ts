/**
 * Promises kept per key until a time: concurrent callers share one (one discovery, one
 * signature); a rejected one is dropped at once, so a failure is never served again; entries
 * past their time are dropped on the next miss (those of a rotated secret are never asked for
 * again). Per process.
 */
export class PromiseCache<T> {
  readonly #entries = new Map<string, { value: Promise<T>; until: number }>();

  /** The live promise for `key`, or the one `build` makes (with the time it is good until, ms). */
  get(key: string, now: number, build: () => { value: Promise<T>; until: number }): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit && hit.until > now) return hit.value;
    for (const [k, v] of this.#entries) if (v.until <= now) this.#entries.delete(k);
    const entry = build();
    this.#entries.set(key, entry);
    entry.value.catch(() => this.#entries.delete(key));
    return entry.value;
  }
}
