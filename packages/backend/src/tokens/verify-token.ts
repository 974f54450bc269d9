/**
 * Verifies a session token without a network round trip (after the first JWKS fetch).
 * Order of checks: algorithm and key (by `kid`), signature, then claims: `exp`/`nbf` with
 * `clockSkewInMs` of tolerance (default 5 s), `iat` not in the future, `iss` when asked,
 * `sub` present, `azp` in `authorizedParties` when both are present, and finally, only when
 * `checkRevocation` is set, the session's status through the Backend API.
 *
 * @example
 * const claims = await verifyToken(token, { secretKey: process.env.GATEHOUSE_SECRET_KEY, publishableKey });
 * claims.sub; // the user id
 */
import { errors as joseErrors, jwtVerify } from 'jose';
import { TokenVerificationError } from '../errors.ts';
import { resolveEndpoints } from '../keys/endpoints.ts';
import { type KeyResolver, pemKeyResolver, remoteJwksResolver } from '../keys/key-source.ts';
import type { SessionTokenClaims } from './claims.ts';

export interface VerifyTokenOptions {
  /** A PEM public key (SPKI): verification needs no network at all. */
  jwtKey?: string;
  /** Fetches the JWKS from the Backend API (and enables `checkRevocation`). */
  secretKey?: string;
  /** Names the Frontend API (and, by default, the Backend API on the same origin). */
  publishableKey?: string;
  apiUrl?: string;
  frontendApiUrl?: string;
  /** An explicit JWKS URL; overrides the above. */
  jwksUrl?: string;
  /** Origins allowed in `azp`. */
  authorizedParties?: string[];
  /** Required `iss`, or a predicate. */
  issuer?: string | ((iss: string) => boolean);
  clockSkewInMs?: number;
  /** Also ask the Backend API whether the session is still active (one request). */
  checkRevocation?: boolean;
  /** Only for tests: the time to verify at. */
  currentDate?: Date;
  /** Least time between JWKS refetches caused by unknown kids (default 5 minutes). */
  kidMissRefetchIntervalMs?: number;
  fetch?: typeof fetch;
}

const resolvers = new Map<string, KeyResolver>();
const fetchIds = new WeakMap<typeof fetch, number>();
let nextFetchId = 1;
/** Resolvers are cached per options; a custom fetch makes a resolver of its own. */
const fetchId = (f: typeof fetch | undefined): number => {
  if (!f) return 0;
  let id = fetchIds.get(f);
  if (id === undefined) {
    id = nextFetchId++;
    fetchIds.set(f, id);
  }
  return id;
};

// Callers usually pass the same options object on every call (the client does): remember its
// resolver by identity, so the hot path skips building the cache key.
const byOptions = new WeakMap<VerifyTokenOptions, KeyResolver>();

export function keyResolver(o: VerifyTokenOptions): KeyResolver {
  let r = byOptions.get(o);
  if (!r) {
    r = buildKeyResolver(o);
    byOptions.set(o, r);
  }
  return r;
}

function buildKeyResolver(o: VerifyTokenOptions): KeyResolver {
  const { apiUrl, frontendApiUrl } = resolveEndpoints(o);
  const id = o.jwtKey
    ? `pem\0${o.jwtKey}`
    : [o.jwksUrl, o.secretKey, apiUrl, frontendApiUrl, o.kidMissRefetchIntervalMs, fetchId(o.fetch)].join('\0');
  let r = resolvers.get(id);
  if (r) return r;
  if (o.jwtKey) r = pemKeyResolver(o.jwtKey);
  else if (o.jwksUrl) r = remoteJwksResolver({ url: o.jwksUrl, ...common(o) });
  else if (o.secretKey && apiUrl)
    r = remoteJwksResolver({
      url: `${apiUrl}/v1/jwks`,
      headers: { authorization: `Bearer ${o.secretKey}` },
      ...common(o),
    });
  else if (frontendApiUrl) r = remoteJwksResolver({ url: `${frontendApiUrl}/.well-known/jwks.json`, ...common(o) });
  else
    throw new TokenVerificationError(
      'options-invalid',
      'verifyToken needs jwtKey, or secretKey with publishableKey/apiUrl, or publishableKey, or jwksUrl.',
    );
  resolvers.set(id, r);
  return r;
}

const common = (o: VerifyTokenOptions) => ({
  ...(o.kidMissRefetchIntervalMs !== undefined && { kidMissRefetchIntervalMs: o.kidMissRefetchIntervalMs }),
  ...(o.fetch && { fetch: o.fetch }),
});

function translate(err: unknown): TokenVerificationError {
  if (err instanceof TokenVerificationError) return err;
  if (err instanceof joseErrors.JWTExpired)
    return new TokenVerificationError('token-expired', 'The token has expired.', { cause: err });
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf')
      return new TokenVerificationError('token-not-active-yet', 'The token is not active yet.', { cause: err });
    if (err.claim === 'iss')
      return new TokenVerificationError('token-invalid-issuer', 'The token has an unexpected issuer.', { cause: err });
    return new TokenVerificationError('token-invalid', `The token's ${err.claim} claim is invalid.`, { cause: err });
  }
  if (err instanceof joseErrors.JWSSignatureVerificationFailed)
    return new TokenVerificationError('token-invalid-signature', 'The token signature is invalid.', { cause: err });
  if (err instanceof joseErrors.JOSEAlgNotAllowed)
    return new TokenVerificationError('token-invalid-algorithm', 'The token algorithm is not accepted.', {
      cause: err,
    });
  return new TokenVerificationError('token-invalid', 'The token is malformed.', { cause: err });
}

export async function verifyToken(token: string, options: VerifyTokenOptions): Promise<SessionTokenClaims> {
  const skewSeconds = (options.clockSkewInMs ?? 5000) / 1000;
  const resolver = keyResolver(options);
  let payload: SessionTokenClaims;
  try {
    const issuer = typeof options.issuer === 'string' ? options.issuer : undefined;
    ({ payload } = (await jwtVerify(token, (header) => resolver.resolve(header), {
      algorithms: ['ES256', 'RS256'],
      clockTolerance: skewSeconds,
      ...(issuer && { issuer }),
      ...(options.currentDate && { currentDate: options.currentDate }),
    })) as unknown as { payload: SessionTokenClaims });
  } catch (err) {
    throw translate(err);
  }
  const now = (options.currentDate?.getTime() ?? Date.now()) / 1000;
  if (typeof payload.iat === 'number' && payload.iat > now + skewSeconds)
    throw new TokenVerificationError('token-iat-in-the-future', 'The token was issued in the future.');
  if (typeof options.issuer === 'function' && !options.issuer(String(payload.iss)))
    throw new TokenVerificationError('token-invalid-issuer', 'The token has an unexpected issuer.');
  if (typeof payload.sub !== 'string' || payload.sub === '')
    throw new TokenVerificationError('token-invalid-subject', 'The token has no subject.');
  const parties = options.authorizedParties;
  if (parties && parties.length > 0 && payload.azp !== undefined && !parties.includes(payload.azp))
    throw new TokenVerificationError(
      'token-invalid-authorized-parties',
      `The token's azp ${payload.azp} is not an authorized party.`,
    );
  if (options.checkRevocation) await assertSessionActive(payload.sid, options);
  return payload;
}

async function assertSessionActive(sid: string, options: VerifyTokenOptions): Promise<void> {
  const { apiUrl } = resolveEndpoints(options);
  if (!options.secretKey || !apiUrl)
    throw new TokenVerificationError(
      'options-invalid',
      'checkRevocation needs secretKey and apiUrl or publishableKey.',
    );
  const res = await (options.fetch ?? fetch)(`${apiUrl}/v1/sessions/${encodeURIComponent(sid)}`, {
    headers: { authorization: `Bearer ${options.secretKey}` },
  });
  const body = (await res.json().catch(() => null)) as { status?: string } | null;
  if (!res.ok || body?.status !== 'active')
    throw new TokenVerificationError('session-revoked', `The session is ${body?.status ?? 'not found'}.`);
}
