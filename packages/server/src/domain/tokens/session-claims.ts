/**
 * The claims of a session token (Clerk's v2 shape, so Clerk's verifiers accept it):
 * `sub` user, `sid` session, `iss` the Frontend API URL, `azp` the requesting origin (when a
 * browser asked), `iat`/`nbf`/`exp` (nbf a few seconds early, for clock skew), `fva` minutes
 * since first/second factor verification, `v` 2, and `jti` for traceability.
 */
import type { JWTPayload } from 'jose';
import type { Instance } from '../instances/instance.ts';
import { factorVerificationAge, type Session } from '../sessions/session.ts';

export const NBF_LEEWAY_SECONDS = 10;

export interface SessionClaims extends JWTPayload {
  sub: string;
  sid: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  fva: [number, number];
  v: 2;
  azp?: string;
}

export function buildSessionClaims(
  instance: Instance,
  session: Session,
  opts: { now: number; azp: string | null; jti: string },
): SessionClaims {
  const iat = Math.floor(opts.now / 1000);
  return {
    sub: session.userId,
    sid: session.id,
    iss: instance.frontendApiUrl,
    iat,
    nbf: iat - NBF_LEEWAY_SECONDS,
    // A token never outlives its session.
    exp: Math.min(iat + instance.settings.sessions.token_lifetime_seconds, Math.floor(session.expireAt / 1000)),
    fva: factorVerificationAge(session, opts.now),
    v: 2,
    jti: opts.jti,
    ...(opts.azp !== null && { azp: opts.azp }),
  };
}
