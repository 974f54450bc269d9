/**
 * Hono (any runtime: Node, Bun, Deno, workers).
 *
 * @example
 * import { gatehouseMiddleware, getAuth, requireAuth } from '@gatehouse/backend/hono';
 * app.use('*', gatehouseMiddleware());
 * app.get('/api/me', requireAuth(), (c) => c.json({ userId: getAuth(c).userId }));
 */
import type { AuthObject } from '../tokens/auth-object.ts';
import { toRequestData } from '../tokens/request-data.ts';
import {
  authenticator,
  type MiddlewareOptions,
  type RequireAuthOptions,
  SIGNED_OUT_BODY,
  signInRedirect,
} from './shared.ts';

const KEY = 'gatehouseAuth';

interface HonoContextLike {
  req: { raw: Request };
  set(key: string, value: unknown): void;
  get(key: string): unknown;
}
type Next = () => Promise<void>;

export function gatehouseMiddleware(options: MiddlewareOptions = {}) {
  const authenticate = authenticator(options);
  return async (c: HonoContextLike, next: Next): Promise<Response | undefined> => {
    const state = await authenticate(c.req.raw);
    if (state.status === 'handshake') return new Response(null, { status: 307, headers: state.headers });
    c.set(KEY, state.toAuth());
    await next();
    return undefined;
  };
}

export function getAuth(c: HonoContextLike): AuthObject {
  const auth = c.get(KEY) as AuthObject | undefined;
  if (!auth) throw new Error('getAuth: add gatehouseMiddleware() before this route.');
  return auth;
}

export function requireAuth(opts: RequireAuthOptions = {}) {
  return async (c: HonoContextLike, next: Next): Promise<Response | undefined> => {
    if (getAuth(c).userId) {
      await next();
      return undefined;
    }
    const data = toRequestData(c.req.raw);
    const location = signInRedirect(opts, data.isDocument, data.url.toString());
    if (location) return new Response(null, { status: 302, headers: { location } });
    return new Response(SIGNED_OUT_BODY, { status: 401, headers: { 'content-type': 'application/json' } });
  };
}
