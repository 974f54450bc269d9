/**
 * The handshake: how a server-rendered page whose `__session` cookie is missing or stale gets
 * a fresh one without a client-side round trip.
 *
 *   1. the page request has `__client_uat` > 0 (the browser is signed in) but no valid token:
 *      the SDK answers 307 to `<Frontend API>/v1/client/handshake?redirect_url=<page>`;
 *   2. the Frontend API reads its `__client` cookie, mints a token, and redirects back with
 *      `__clerk_handshake=<JWT signed by the instance>` holding the cookies to set;
 *   3. the SDK verifies that JWT, sets the cookies and redirects to the page without the
 *      parameter, which now authenticates as signed-in.
 * A short-lived counter cookie stops a loop: after three handshakes in a few seconds the
 * request is treated as signed out instead of redirected again.
 */
import { jwtVerify } from 'jose';
import { TokenVerificationError } from '../errors.ts';
import type { KeyResolver } from '../keys/key-source.ts';

export const HANDSHAKE_PARAM = '__clerk_handshake';
export const REDIRECT_COUNT_COOKIE = '__gh_redirect_count';
export const MAX_HANDSHAKES = 3;

export function handshakeRedirectUrl(frontendApiUrl: string, pageUrl: URL): string {
  const u = new URL('/v1/client/handshake', frontendApiUrl);
  u.searchParams.set('redirect_url', pageUrl.toString());
  return u.toString();
}

export function redirectCountCookie(count: number, secure: boolean): string {
  return `${REDIRECT_COUNT_COOKIE}=${count}; Path=/; Max-Age=5; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** Verifies the handshake JWT and returns the `Set-Cookie` directives it carries. */
export async function readHandshake(token: string, keys: KeyResolver, clockSkewSeconds: number): Promise<string[]> {
  let payload: { handshake?: unknown };
  try {
    const verified = await jwtVerify(token, (h) => keys.resolve(h), {
      algorithms: ['ES256', 'RS256'],
      clockTolerance: clockSkewSeconds,
    });
    payload = verified.payload as { handshake?: unknown };
  } catch (cause) {
    throw new TokenVerificationError('token-invalid', 'The handshake payload is invalid.', { cause });
  }
  const directives = payload.handshake;
  if (!Array.isArray(directives) || !directives.every((d) => typeof d === 'string'))
    throw new TokenVerificationError('token-invalid', 'The handshake payload has no cookie directives.');
  // Only the cookies a handshake may set: a compromised or confused issuer cannot plant others.
  return (directives as string[]).filter((d) => /^(__session|__client_uat)=/.test(d));
}
