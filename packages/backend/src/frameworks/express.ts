/**
 * Express (and any connect-style server).
 *
 * @example
 * import { gatehouseMiddleware, getAuth, requireAuth } from '@gatehouse/backend/express';
 * app.use(gatehouseMiddleware({ authorizedParties: ['https://app.example.com'] }));
 * app.get('/api/me', requireAuth(), (req, res) => res.json({ userId: getAuth(req).userId }));
 */
import type { AuthObject } from '../tokens/auth-object.ts';
import { type NodeRequestLike, toRequestData } from '../tokens/request-data.ts';
import { type NodeResponseLike, sendNodeResponse } from './node-response.ts';
import {
  authenticator,
  type MiddlewareOptions,
  type RequireAuthOptions,
  SIGNED_OUT_BODY,
  signInRedirect,
} from './shared.ts';

type Next = (err?: unknown) => void;
interface AuthedRequest extends NodeRequestLike {
  auth?: AuthObject;
  originalUrl?: string;
}

/** Authenticates every request: sets `req.auth`, or answers a handshake redirect. */
export function gatehouseMiddleware(options: MiddlewareOptions = {}) {
  const authenticate = authenticator(options);
  return async (req: AuthedRequest, res: NodeResponseLike, next: Next): Promise<void> => {
    try {
      const state = await authenticate(req);
      if (state.status === 'handshake') {
        sendNodeResponse(res, 307, state.headers);
        return;
      }
      req.auth = state.toAuth();
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** The request's auth; throws if `gatehouseMiddleware` did not run first. */
export function getAuth(req: AuthedRequest): AuthObject {
  if (!req.auth) throw new Error('getAuth: add gatehouseMiddleware() before this route.');
  return req.auth;
}

/** Lets signed-in requests through; answers 401 (API calls) or redirects to `signInUrl` (pages). */
export function requireAuth(opts: RequireAuthOptions = {}) {
  return (req: AuthedRequest, res: NodeResponseLike, next: Next): void => {
    if (getAuth(req).userId) {
      next();
      return;
    }
    const data = toRequestData({
      headers: req.headers,
      method: req.method,
      url: req.originalUrl ?? req.url,
      socket: req.socket,
    });
    const location = signInRedirect(opts, data.isDocument, data.url.toString());
    if (location) sendNodeResponse(res, 302, new Headers({ location }));
    else sendNodeResponse(res, 401, new Headers({ 'content-type': 'application/json' }), SIGNED_OUT_BODY);
  };
}
