/**
 * CORS for the Frontend API, per instance: a browser origin the instance allows gets
 * credentialed CORS headers; any other origin gets none (the browser then hides the response),
 * and its state-changing requests are refused outright with `origin_invalid`, which also stops
 * cross-site form posts that CORS alone would let through.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

const ALLOW_HEADERS = 'authorization, content-type, x-requested-with';
const ALLOW_METHODS = 'GET, POST, PATCH, PUT, DELETE, OPTIONS';

export function applyCors(request: FastifyRequest, reply: FastifyReply, allowed: boolean): void {
  const origin = request.headers.origin;
  void reply.header('vary', 'Origin');
  if (!origin || !allowed) return;
  void reply.header('access-control-allow-origin', origin);
  void reply.header('access-control-allow-credentials', 'true');
  void reply.header('access-control-expose-headers', 'authorization');
  if (request.method === 'OPTIONS') {
    void reply.header('access-control-allow-methods', ALLOW_METHODS);
    void reply.header('access-control-allow-headers', ALLOW_HEADERS);
    void reply.header('access-control-max-age', '600');
  }
}
