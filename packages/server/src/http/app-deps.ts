import type { Logger } from 'pino';
import type { RateLimiter } from '../adapters/rate-limit/rate-limiter.ts';
import type { SigningKeyManager } from '../adapters/signing/key-manager.ts';
import type { Deps } from '../domain/deps.ts';
import type { InstanceRegistry } from '../services/instance-registry.ts';

/** What the HTTP layer needs: the domain's dependencies plus the request-facing services. */
export interface AppDeps extends Deps {
  registry: InstanceRegistry;
  keys: SigningKeyManager;
  rateLimiter: RateLimiter;
  logger: Logger;
}
