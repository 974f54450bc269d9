/**
 * Next.js App Router.
 *
 * `proxy.ts` (Next 16; `middleware.ts` before it):
 * @example
 * import { gatehouseMiddleware } from '@gatehouse/backend/nextjs';
 * export default gatehouseMiddleware();
 * export const config = { matcher: ['/((?!_next|.*\\..*).*)'] };
 *
 * Server components and route handlers:
 * @example
 * import { auth } from '@gatehouse/backend/nextjs';
 * const { userId } = await auth();
 *
 * The middleware authenticates the request once and hands the result to the rendering code in
 * request headers it always overwrites. The headers are signed (HMAC-SHA256 with a key derived
 * from the secret key), so `auth()` refuses them if a request bypassed the middleware and
 * brought its own.
 */
import { headers as nextHeaders } from 'next/headers.js';
import { NextResponse } from 'next/server.js';
import { type AuthObject, signedInAuthObject, signedOutAuthObject } from '../tokens/auth-object.ts';
import type { SessionTokenClaims } from '../tokens/claims.ts';
import { toRequestData } from '../tokens/request-data.ts';
import {
  authenticator,
  type MiddlewareOptions,
  type RequireAuthOptions,
  SIGNED_OUT_BODY,
  signInRedirect,
} from './shared.ts';

const STATUS = 'x-gatehouse-auth-status';
const TOKEN = 'x-gatehouse-auth-token';
const SIGNATURE = 'x-gatehouse-auth-signature';

const env = (name: string) =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

let keyCache: { secret: string; key: Promise<CryptoKey> } | null = null;
function hmacKey(secretKey: string): Promise<CryptoKey> {
  if (keyCache?.secret !== secretKey) {
    const material = new TextEncoder().encode(`gatehouse-nextjs-auth-headers\0${secretKey}`);
    keyCache = {
      secret: secretKey,
      key: crypto.subtle.importKey('raw', material, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']),
    };
  }
  return keyCache.key;
}

const b64url = (buf: ArrayBuffer) =>
  btoa(String.fromCharCode(...new Uint8Array(buf)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const fromB64url = (s: string) =>
  Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

const signedData = (status: string, token: string) => new TextEncoder().encode(`${status}\n${token}`);

function secretKeyOf(options: MiddlewareOptions): string {
  const secretKey = options.secretKey ?? env('GATEHOUSE_SECRET_KEY');
  if (!secretKey) throw new TypeError('@gatehouse/backend/nextjs needs secretKey (or GATEHOUSE_SECRET_KEY).');
  return secretKey;
}

export interface NextMiddlewareOptions extends MiddlewareOptions, RequireAuthOptions {
  /** Paths (prefixes) that need a signed-in user: signed-out page loads go to `signInUrl`, API calls get 401. */
  protectedPaths?: string[];
}

/** The middleware (or Next 16 proxy) function. */
export function gatehouseMiddleware(options: NextMiddlewareOptions = {}) {
  const authenticate = authenticator(options);
  return async (request: Request): Promise<Response> => {
    const state = await authenticate(request);
    if (state.status === 'handshake') return new Response(null, { status: 307, headers: state.headers });
    const url = new URL(request.url);
    if (!state.isSignedIn && options.protectedPaths?.some((p) => url.pathname.startsWith(p))) {
      const location = signInRedirect(options, toRequestData(request).isDocument, request.url);
      if (location) return NextResponse.redirect(location, 302);
      return new NextResponse(SIGNED_OUT_BODY, { status: 401, headers: { 'content-type': 'application/json' } });
    }
    const forwarded = new Headers(request.headers);
    const token = state.isSignedIn ? (state.token ?? '') : '';
    const signature = await crypto.subtle.sign(
      'HMAC',
      await hmacKey(secretKeyOf(options)),
      signedData(state.status, token),
    );
    forwarded.set(STATUS, state.status);
    forwarded.set(TOKEN, token);
    forwarded.set(SIGNATURE, b64url(signature));
    return NextResponse.next({ request: { headers: forwarded } });
  };
}

/** The current request's auth, in server components, route handlers and server actions. */
export async function auth(options: Pick<MiddlewareOptions, 'secretKey'> = {}): Promise<AuthObject> {
  const h = await nextHeaders();
  const status = h.get(STATUS);
  const token = h.get(TOKEN) ?? '';
  const signature = h.get(SIGNATURE);
  if (!status || !signature)
    throw new Error(
      'auth(): gatehouseMiddleware() did not run for this request; add it to proxy.ts (or middleware.ts).',
    );
  let valid = false;
  try {
    valid = await crypto.subtle.verify(
      'HMAC',
      await hmacKey(secretKeyOf(options)),
      fromB64url(signature),
      signedData(status, token),
    );
  } catch {
    valid = false;
  }
  if (!valid) throw new Error('auth(): the authentication headers are not signed by gatehouseMiddleware().');
  if (status !== 'signed-in' || token === '') return signedOutAuthObject();
  // Already verified by the middleware for this very request; the HMAC proves it.
  const claims = JSON.parse(new TextDecoder().decode(fromB64url(token.split('.')[1] ?? ''))) as SessionTokenClaims;
  return signedInAuthObject(claims, token);
}
