/**
 * Provider failures as one error, `oauth_provider_error`, with a short public reason in
 * `meta` and the library's error as the internal cause (logs only). The provider's own error
 * code (e.g. `invalid_grant`) is public: it names no secret. Its description is not kept:
 * it is free text from outside.
 */
import { GatehouseError } from '@gatehouse/shared';
import { OAuth2RequestError } from 'arctic';

/** How long any single request to a provider may take. */
export const TIMEOUT_MS = 10_000;

export function providerFailure(reason: string, cause: unknown): GatehouseError {
  if (cause instanceof GatehouseError) return cause;
  // openid-client (and GitHub's 200 answers) carry the provider's code in `error`; arctic in `code`.
  const code =
    cause instanceof OAuth2RequestError
      ? cause.code.slice(0, 64)
      : typeof cause === 'object' && cause !== null && 'error' in cause && typeof cause.error === 'string'
        ? cause.error.slice(0, 64)
        : undefined;
  // oauth4webapi names the ID token claim that failed its check (`aud`, `exp`, `nonce`, ...).
  const claim = claimOf(cause);
  const check = innermostCode(cause);
  return new GatehouseError('oauth_provider_error', {
    meta: {
      reason,
      ...(code && /^[a-z_]+$/.test(code) ? { provider_error: code } : {}),
      ...(claim && /^[a-z_]+$/.test(claim) ? { claim } : {}),
      ...(check ? { check } : {}),
    },
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

/** The `claim` openid-client's error chain names (ClientError → OperationProcessingError → details). */
function claimOf(e: unknown, depth = 0): string | undefined {
  if (typeof e !== 'object' || e === null || depth > 4) return undefined;
  if ('claim' in e && typeof e.claim === 'string') return e.claim.slice(0, 32);
  return 'cause' in e ? claimOf(e.cause, depth + 1) : undefined;
}

/** The deepest library error code in the chain (jose's `ERR_JWS_…`, oauth4webapi's `OAUTH_…`). */
function innermostCode(e: unknown, depth = 0): string | undefined {
  if (typeof e !== 'object' || e === null || depth > 4) return undefined;
  const deeper = 'cause' in e ? innermostCode(e.cause, depth + 1) : undefined;
  if (deeper) return deeper;
  return 'code' in e && typeof e.code === 'string' && /^[A-Z][A-Z0-9_]{2,63}$/.test(e.code) ? e.code : undefined;
}
