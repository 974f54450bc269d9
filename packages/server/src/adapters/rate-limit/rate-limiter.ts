/**
 * Fixed-window rate limits with rate-limiter-flexible: in memory for one node, in Redis when
 * `REDIS_URL` is set so every node draws from the same counters.
 *
 * Limits are instance settings and may change at run time, so a limiter is built per distinct
 * (bucket, points, window) and kept.
 */
import type { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimitDecision {
  allowed: boolean;
  /** Milliseconds until the window frees a point; 0 when allowed. */
  retryAfterMs: number;
}

export interface RateLimit {
  points: number;
  windowSeconds: number;
}

export interface RateLimiter {
  /** Takes one point from `key`'s budget; refused once the window's points are spent. */
  consume(bucket: string, key: string, limit: RateLimit): Promise<RateLimitDecision>;
  /** Whether `key`'s budget is spent, without taking a point (checked before work whose outcome decides the charge). */
  peek(bucket: string, key: string, limit: RateLimit): Promise<RateLimitDecision>;
}

export function createRateLimiter(redis: Redis | null): RateLimiter {
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiterFor = (bucket: string, points: number, duration: number) => {
    const id = `${bucket}:${points}:${duration}`;
    let l = limiters.get(id);
    if (!l) {
      const opts = { keyPrefix: `gh:rl:${id}`, points, duration };
      l = redis ? new RateLimiterRedis({ ...opts, storeClient: redis }) : new RateLimiterMemory(opts);
      limiters.set(id, l);
    }
    return l;
  };
  return {
    async consume(bucket, key, { points, windowSeconds }) {
      try {
        await limiterFor(bucket, points, windowSeconds).consume(key);
        return { allowed: true, retryAfterMs: 0 };
      } catch (e) {
        if (e instanceof RateLimiterRes) return { allowed: false, retryAfterMs: e.msBeforeNext };
        throw e; // the store failed (Redis down): let the request fail loudly rather than go unlimited silently
      }
    },
    async peek(bucket, key, { points, windowSeconds }) {
      const res = await limiterFor(bucket, points, windowSeconds).get(key);
      if (res === null || res.consumedPoints < points) return { allowed: true, retryAfterMs: 0 };
      return { allowed: false, retryAfterMs: res.msBeforeNext };
    },
  };
}
