/**
 * The `__client` cookie: HttpOnly, SameSite=Lax, Path=/, Secure unless the Frontend API is
 * reached on a loopback host over plain http (local development), host-only on the Frontend
 * API host. `__client_uat` (not HttpOnly, not secret) tells scripts and backends when the
 * client's sign-in state last changed: seconds since the epoch, 0 when signed out.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLoopbackHost } from '../../domain/policies/allowed-origin.ts';

export const CLIENT_COOKIE = '__client';
export const CLIENT_UAT_COOKIE = '__client_uat';
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export const isSecureRequest = (request: FastifyRequest): boolean =>
  request.protocol === 'https' || !isLoopbackHost(request.hostname.replace(/:\d+$/, ''));

export function setClientCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  signedIn: boolean,
  now: number,
): void {
  const secure = isSecureRequest(request);
  void reply.setCookie(CLIENT_COOKIE, token, {
    httpOnly: true,
    secure,
    sameSite: 'lax',
    path: '/',
    maxAge: ONE_YEAR_SECONDS,
  });
  void reply.setCookie(CLIENT_UAT_COOKIE, signedIn ? String(Math.floor(now / 1000)) : '0', {
    httpOnly: false,
    secure,
    sameSite: 'lax',
    path: '/',
    maxAge: ONE_YEAR_SECONDS,
  });
}
