/**
 * Fastify.
 *
 * @example
 * import { gatehousePlugin, getAuth } from '@gatehouse/backend/fastify';
 * await app.register(gatehousePlugin, { authorizedParties: ['https://app.example.com'] });
 * app.get('/api/me', async (request, reply) => {
 *   const { userId } = getAuth(request);
 *   if (!userId) return reply.code(401).send();
 *   return { userId };
 * });
 */
import type { AuthObject } from '../tokens/auth-object.ts';
import type { NodeRequestLike } from '../tokens/request-data.ts';
import { authenticator, type MiddlewareOptions, SIGNED_OUT_BODY } from './shared.ts';

interface FastifyRequestLike {
  raw: NodeRequestLike;
  auth?: AuthObject;
}
interface FastifyReplyLike {
  code(status: number): FastifyReplyLike;
  header(name: string, value: string | string[]): FastifyReplyLike;
  send(body?: unknown): unknown;
}
interface FastifyLike {
  decorateRequest(name: string, value: unknown): unknown;
  addHook(name: 'onRequest', hook: (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<unknown>): unknown;
}

/** Registers an `onRequest` hook on the whole app (it is not encapsulated). */
export async function gatehousePlugin(fastify: FastifyLike, options: MiddlewareOptions = {}): Promise<void> {
  const authenticate = authenticator(options);
  fastify.decorateRequest('auth', null);
  fastify.addHook('onRequest', async (request, reply) => {
    const state = await authenticate(request.raw);
    if (state.status === 'handshake') {
      reply.code(307);
      const cookies = state.headers.getSetCookie();
      if (cookies.length) reply.header('set-cookie', cookies);
      state.headers.forEach((v, k) => {
        if (k !== 'set-cookie') reply.header(k, v);
      });
      return reply.send();
    }
    request.auth = state.toAuth();
  });
}
// What fastify-plugin does: run in the parent's scope, so the hook covers every route.
(gatehousePlugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

export function getAuth(request: FastifyRequestLike): AuthObject {
  if (!request.auth) throw new Error('getAuth: register gatehousePlugin first.');
  return request.auth;
}

/** A preHandler that answers 401 for signed-out requests. */
export async function requireAuth(request: FastifyRequestLike, reply: FastifyReplyLike): Promise<unknown> {
  if (getAuth(request).userId) return undefined;
  return reply.code(401).header('content-type', 'application/json').send(SIGNED_OUT_BODY);
}
