/**
 * Retries a request that is safe to repeat when the network fails or the server answers 5xx:
 * exponential backoff with full jitter, `baseDelayMs · 2^attempt` capped at `maxDelayMs`, at
 * most `retries` times. Nothing here ever signs anyone out: the last failure is thrown to the
 * caller as it is.
 */
export interface RetryOptions {
  /** Extra attempts after the first. Default 3. */
  retries?: number;
  /** Default 250 ms. */
  baseDelayMs?: number;
  /** Default 4000 ms. */
  maxDelayMs?: number;
}

export const DEFAULT_RETRY: Required<RetryOptions> = { retries: 3, baseDelayMs: 250, maxDelayMs: 4000 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function withRetry<T>(
  attempt: () => Promise<T>,
  isTransient: (e: unknown) => boolean,
  opts: Required<RetryOptions>,
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (n >= opts.retries || !isTransient(e)) throw e;
      const cap = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** n);
      await sleep(Math.round(cap / 2 + (Math.random() * cap) / 2));
    }
  }
}
