/**
 * Provider failures as one error, `oauth_provider_error`, with a short public reason in
 * `meta` and the library's error as the internal cause (logs only). The provider's own error
 * code (e.g. `invalid_grant`) is public: it names no secret. Its description is not kept:
 * it is free text from outside.
 */
import { GatehouseError } from '@gatehouse/shared';

/** How long any single request to a provider may take. */
export const TIMEOUT_MS = 10_000;

export function providerFailure(reason: string, cause: unknown): GatehouseError {
  if (cause instanceof GatehouseError) return cause;
  const code =
    typeof cause === 'object' && cause !== null && 'error' in cause && typeof cause.error === 'string'
      ? cause.error.slice(0, 64)
      : undefined;
  return new GatehouseError('oauth_provider_error', {
    meta: { reason, ...(code && /^[a-z_]+$/.test(code) ? { provider_error: code } : {}) },
    cause,
  });
}

/** Rejects with `oauth_provider_error` (`timeout`) when `p` takes longer than the provider budget. */
export function withTimeout<T>(p: Promise<T>, reason: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new GatehouseError('oauth_provider_error', { meta: { reason: `${reason}_timeout` } })),
      TIMEOUT_MS,
    );
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
