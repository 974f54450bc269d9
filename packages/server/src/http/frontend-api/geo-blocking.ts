/**
 * Applies the instance's geo blocking to the Frontend API routes that start or continue a
 * sign-in or sign-up, and to those that mint session tokens (the token route and the
 * handshake). Runs after the context hook, which found the instance; the address is
 * Fastify's `request.ip` (the socket peer, or `X-Forwarded-For` only with `TRUST_PROXY`).
 */
import type { FastifyRequest } from 'fastify';
import { assertLocationAllowed } from '../../domain/policies/geo-blocking.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import type { TypedApp } from '../typed-app.ts';

const GUARDED_PREFIXES = [ROUTES.frontend.signIns.create, ROUTES.frontend.signUps.create];
const GUARDED_ROUTES = new Set<string>([ROUTES.frontend.sessions.tokens, ROUTES.frontend.handshake]);

const isGuarded = (request: FastifyRequest): boolean => {
  const route = request.routeOptions.url;
  if (!route || request.method === 'OPTIONS') return false;
  return GUARDED_ROUTES.has(route) || GUARDED_PREFIXES.some((p) => route === p || route.startsWith(`${p}/`));
};

export function installGeoBlocking(app: TypedApp, deps: AppDeps): void {
  app.addHook('onRequest', async (request) => {
    if (!request.fapi || !isGuarded(request)) return;
    assertLocationAllowed(deps.geo, request.fapi.instance.settings, request.ip);
  });
}
