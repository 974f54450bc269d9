/**
 * The Frontend API's request pipeline, in order:
 *   1. find the instance from the Host header;
 *   2. CORS for the origin; refuse state-changing requests from origins the instance does not allow;
 *   3. rate limits per IP and per instance (every request; a stricter per-IP bucket for routes
 *      marked `rateLimit: 'attempts'`; per-identifier limits come later, in the flow routes,
 *      once the identifier is known: see `rate-limits.ts`);
 *   4. find the client from the `__client` cookie or, for native apps, `Authorization: Bearer`
 *      (routes marked `client: 'with-session'` find it later, together with the session they
 *      name, in one read: see `findClientWithSession`);
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
import type { Session } from '../../domain/sessions/session.ts';
import type { AppDeps } from '../app-deps.ts';
import { CLIENT_COOKIE, setClientCookies } from './client-cookie.ts';
import { applyCors } from './cors.ts';
import { charge } from './rate-limits.ts';

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
    /** The handler reads the client with `findClientWithSession`; the hook leaves `client.current` null. */
    client?: 'with-session';
    /** A POST any origin may send, for a route that changes nothing (the form_post callback, which only redirects). */
    anyOrigin?: true;
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
  if (bucket === 'fapi') {
    await charge(deps, 'fapi', `${instance.id}:${request.ip}`, {
      points: rl.requests_per_ip_per_10s,
      windowSeconds: 10,
    });
    await charge(deps, 'instance', instance.id, { points: rl.requests_per_instance_per_10s, windowSeconds: 10 });
  } else
    await charge(deps, 'attempts', `${instance.id}:${request.ip}`, {
      points: rl.attempts_per_ip_per_minute,
      windowSeconds: 60,
    });
}

/** The stored client is the token's only if the token hashes to its stored hash (constant-time). */
const tokenMatches = (client: Client, token: string): boolean => constantTimeEqual(client.tokenHash, hashToken(token));

async function findClient(deps: AppDeps, instance: Instance, token: string | undefined): Promise<Client | null> {
  if (!token) return null;
  const parsed = parseClientToken(token);
  if (!parsed) return null;
  const client = await deps.store.clients.findById(instance.id, parsed.clientId);
  if (!client || !tokenMatches(client, token)) return null;
  return client;
}

function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

/** The client token the request presents: the bearer token for native apps, else the `__client` cookie. */
const presentedToken = (request: FastifyRequest, native: boolean): string | undefined =>
  native ? bearer(request) : request.cookies[CLIENT_COOKIE];

/**
 * For routes marked `client: 'with-session'`: the calling client and its session `sessionId`
 * in one read, the token checked against the client's stored hash exactly as for every other
 * route. Sets `request.fapi.client`. `client` is null when the token names no client (or the
 * wrong secret); `session` is null when the session is not this client's.
 */
export async function findClientWithSession(
  deps: AppDeps,
  request: FastifyRequest,
  sessionId: string,
): Promise<{ client: Client | null; session: Session | null }> {
  const ctx = request.fapi;
  const token = presentedToken(request, ctx.native);
  const parsed = token ? parseClientToken(token) : null;
  const found = parsed ? await deps.store.clients.findWithSession(ctx.instance.id, parsed.clientId, sessionId) : null;
  if (!found || !tokenMatches(found.client, token!)) return { client: null, session: null };
  ctx.client = new RequestClient(deps, ctx.instance, found.client);
  return found;
}

export function installFrontendContext(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('fapi', null as unknown as FrontendContext);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const instance = await deps.registry.byHost(request.host);
    const origin = request.headers.origin ?? null;
    const allowed = origin === null || isAllowedOrigin(instance, origin);
    applyCors(request, reply, allowed);
    if (request.method === 'OPTIONS') return reply.code(204).send();
    if (!allowed && request.method !== 'GET' && request.method !== 'HEAD' && !request.routeOptions.config?.anyOrigin)
      throw new GatehouseError('origin_invalid', { meta: { origin } });

    await rateLimit(deps, instance, request, 'fapi');
    if (request.routeOptions.config?.rateLimit === 'attempts') await rateLimit(deps, instance, request, 'attempts');

    const native =
      request.headers.authorization?.startsWith('Bearer ') === true ||
      (request.query as Record<string, unknown>)?._is_native === 'true';
    const client =
      request.routeOptions.config?.client === 'with-session'
        ? null
        : await findClient(deps, instance, presentedToken(request, native));
    request.fapi = {
      instance,
      client: new RequestClient(deps, instance, client),
      request: { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, origin: allowed ? origin : null },
      native,
    };
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    const ctx = request.fapi;
    const token = ctx?.client.issuedToken;
    if (token) {
      if (ctx.native) void reply.header('authorization', token);
      else setClientCookies(request, reply, token, ctx.client.current?.lastActiveSessionId != null, deps.clock.now());
    }
    done(null, payload);
  });
}
