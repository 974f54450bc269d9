/**
 * The Frontend API's request pipeline, in order:
 *   1. find the instance from the Host header;
 *   2. CORS for the origin; refuse state-changing requests from origins the instance does not allow;
 *   3. per-IP rate limits (every request; a stricter bucket for routes marked `rateLimit: 'attempts'`);
 *   4. find the client from the `__client` cookie or, for native apps, `Authorization: Bearer`;
 * and on the way out, hand the client a new token if the request created or rotated one.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Client, parseClientToken } from '../../domain/clients/client.ts';
import { RequestClient } from '../../domain/clients/request-client.ts';
import type { FlowContext } from '../../domain/flow-context.ts';
import type { Instance } from '../../domain/instances/instance.ts';
import { isAllowedOrigin } from '../../domain/policies/allowed-origin.ts';
import { constantTimeEqual, hashToken } from '../../domain/secrets.ts';
import type { AppDeps } from '../app-deps.ts';
import { CLIENT_COOKIE, setClientCookies } from './client-cookie.ts';
import { applyCors } from './cors.ts';

export interface FrontendContext extends FlowContext {
  /** The caller authenticates with `Authorization: Bearer` and gets new tokens in a header. */
  native: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    fapi: FrontendContext;
  }
  interface FastifyContextConfig {
    rateLimit?: 'attempts';
  }
}

async function rateLimit(
  deps: AppDeps,
  instance: Instance,
  request: FastifyRequest,
  bucket: 'fapi' | 'attempts',
): Promise<void> {
  const rl = instance.settings.attack_protection.rate_limits;
  if (!rl.enabled) return;
  const limit =
    bucket === 'fapi'
      ? { points: rl.requests_per_ip_per_10s, windowSeconds: 10 }
      : { points: rl.attempts_per_ip_per_minute, windowSeconds: 60 };
  const d = await deps.rateLimiter.consume(bucket, `${instance.id}:${request.ip}`, limit);
  if (!d.allowed)
    throw new GatehouseError('too_many_requests', { meta: { retry_after_seconds: Math.ceil(d.retryAfterMs / 1000) } });
}

async function findClient(deps: AppDeps, instance: Instance, token: string | undefined): Promise<Client | null> {
  if (!token) return null;
  const parsed = parseClientToken(token);
  if (!parsed) return null;
  const client = await deps.store.clients.findById(instance.id, parsed.clientId);
  if (!client || !constantTimeEqual(client.tokenHash, hashToken(token))) return null;
  return client;
}

function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

export function installFrontendContext(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('fapi', null as unknown as FrontendContext);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const instance = await deps.registry.byHost(request.host);
    const origin = request.headers.origin ?? null;
    const allowed = origin === null || isAllowedOrigin(instance, origin);
    applyCors(request, reply, allowed);
    if (request.method === 'OPTIONS') return reply.code(204).send();
    if (!allowed && request.method !== 'GET' && request.method !== 'HEAD')
      throw new GatehouseError('origin_invalid', { meta: { origin } });

    await rateLimit(deps, instance, request, 'fapi');
    if (request.routeOptions.config?.rateLimit === 'attempts') await rateLimit(deps, instance, request, 'attempts');

    const bearerToken = bearer(request);
    const native = bearerToken !== undefined || (request.query as Record<string, unknown>)?._is_native === 'true';
    const client = await findClient(deps, instance, native ? bearerToken : request.cookies[CLIENT_COOKIE]);
    request.fapi = {
      instance,
      client: new RequestClient(deps, instance, client),
      request: { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, origin: allowed ? origin : null },
      native,
    };
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const ctx = request.fapi;
    const token = ctx?.client.issuedToken;
    if (!token) return payload;
    if (ctx.native) void reply.header('authorization', token);
    else setClientCookies(request, reply, token, ctx.client.current?.lastActiveSessionId != null, deps.clock.now());
    return payload;
  });
}
