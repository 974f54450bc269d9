/**
 * Decides who a request is, from the request alone (networkless after the first JWKS fetch):
 *
 * - `Authorization: Bearer <token>` (APIs, native apps): verified → signed-in, else signed-out.
 * - `__session` cookie (browsers), with `__client_uat` (seconds of the client's last sign-in
 *   change, 0 when signed out):
 *     no token, uat 0 or absent ............ signed-out
 *     valid token, iat >= uat ............... signed-in
 *     no/expired/stale token, uat > 0 ....... handshake for a page load; signed-out for API calls
 *     any other invalid token ............... signed-out (with the reason)
 * - a `__clerk_handshake` parameter: the Frontend API's answer to a handshake; its cookies are
 *   set and the page reloads without it.
 */
import { TokenVerificationError } from '../errors.ts';
import { resolveEndpoints } from '../keys/endpoints.ts';
import { type AuthObject, signedInAuthObject, signedOutAuthObject } from './auth-object.ts';
import type { SessionTokenClaims } from './claims.ts';
import {
  HANDSHAKE_PARAM,
  handshakeRedirectUrl,
  MAX_HANDSHAKES,
  REDIRECT_COUNT_COOKIE,
  readHandshake,
  redirectCountCookie,
} from './handshake.ts';
import { type NodeRequestLike, type RequestData, toRequestData } from './request-data.ts';
import { keyResolver, type VerifyTokenOptions, verifyToken } from './verify-token.ts';

export type AuthStatus = 'signed-in' | 'signed-out' | 'handshake';

export interface RequestState {
  status: AuthStatus;
  isSignedIn: boolean;
  /** Why the request is signed out or needs a handshake (e.g. `session-token-expired`). */
  reason: string | null;
  message: string | null;
  token: string | null;
  /** Headers the framework must send: `Location` and `Set-Cookie` for a handshake. */
  headers: Headers;
  toAuth(): AuthObject;
}

export type AuthenticateRequestOptions = VerifyTokenOptions;

const state = (
  status: AuthStatus,
  fields: { reason?: string; message?: string; token?: string; claims?: SessionTokenClaims; headers?: Headers } = {},
): RequestState => {
  const auth =
    status === 'signed-in' && fields.claims && fields.token
      ? signedInAuthObject(fields.claims, fields.token)
      : signedOutAuthObject();
  return {
    status,
    isSignedIn: status === 'signed-in',
    reason: fields.reason ?? null,
    message: fields.message ?? null,
    token: fields.token ?? null,
    headers: fields.headers ?? new Headers(),
    toAuth: () => auth,
  };
};

function startHandshake(req: RequestData, o: AuthenticateRequestOptions, reason: string): RequestState {
  const { frontendApiUrl } = resolveEndpoints(o);
  const count = Number(req.cookie(REDIRECT_COUNT_COOKIE) ?? '0') || 0;
  if (!req.isDocument || !frontendApiUrl || count >= MAX_HANDSHAKES)
    return state('signed-out', {
      reason: count >= MAX_HANDSHAKES ? 'handshake-loop-detected' : reason,
      message: 'The session token is missing or stale.',
    });
  const headers = new Headers();
  headers.set('location', handshakeRedirectUrl(frontendApiUrl, req.url));
  headers.append('set-cookie', redirectCountCookie(count + 1, req.url.protocol === 'https:'));
  headers.set('cache-control', 'no-store');
  return state('handshake', { reason, headers });
}

async function finishHandshake(
  req: RequestData,
  o: AuthenticateRequestOptions,
  payload: string,
): Promise<RequestState> {
  const cookies = await readHandshake(payload, keyResolver(o), (o.clockSkewInMs ?? 5000) / 1000);
  const clean = new URL(req.url);
  clean.searchParams.delete(HANDSHAKE_PARAM);
  const headers = new Headers();
  for (const c of cookies) headers.append('set-cookie', c);
  headers.set('location', clean.toString());
  headers.set('cache-control', 'no-store');
  return state('handshake', { reason: 'handshake-complete', headers });
}

export async function authenticateRequest(
  request: Request | NodeRequestLike,
  options: AuthenticateRequestOptions,
): Promise<RequestState> {
  const req = toRequestData(request);

  const handshake = req.rawUrl.includes(HANDSHAKE_PARAM) ? req.url.searchParams.get(HANDSHAKE_PARAM) : null;
  if (handshake) {
    try {
      return await finishHandshake(req, options, handshake);
    } catch (e) {
      return state('signed-out', { reason: 'handshake-invalid', message: (e as Error).message });
    }
  }

  const authorization = req.header('authorization');
  if (authorization?.startsWith('Bearer ')) {
    const token = authorization.slice(7).trim();
    try {
      return state('signed-in', { token, claims: await verifyToken(token, options) });
    } catch (e) {
      return signedOutFor(e);
    }
  }

  const token = req.cookie('__session');
  const uat = Number(req.cookie('__client_uat') ?? '0') || 0;
  if (!token) {
    if (uat <= 0) return state('signed-out', { reason: 'session-token-and-uat-missing' });
    return startHandshake(req, options, 'client-uat-but-no-session-token');
  }
  let claims: SessionTokenClaims;
  try {
    claims = await verifyToken(token, options);
  } catch (e) {
    if (e instanceof TokenVerificationError && e.reason === 'token-expired' && uat > 0)
      return startHandshake(req, options, 'session-token-expired');
    return signedOutFor(e);
  }
  if (uat > claims.iat) return startHandshake(req, options, 'session-token-outdated');
  if (uat === 0 && req.cookie('__client_uat') !== undefined)
    return state('signed-out', {
      reason: 'client-signed-out',
      message: 'The client signed out after this token was issued.',
    });
  return state('signed-in', { token, claims });
}

function signedOutFor(e: unknown): RequestState {
  if (e instanceof TokenVerificationError) return state('signed-out', { reason: e.reason, message: e.message });
  throw e;
}
