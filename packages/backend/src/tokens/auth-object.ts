/**
 * What a request's authentication means to the application: `toAuth()` of a request state.
 * `has()` answers authorization questions from the token alone (no network): an organization
 * role or permission, or a recent enough factor verification (see `reverification` in
 * @gatehouse/shared, the same rule the server applies).
 */
import {
  meetsReverification,
  type ReverificationPreset,
  type ReverificationRequirement,
} from '@gatehouse/shared/reverification';
import type { SessionTokenClaims } from './claims.ts';

export type HasParams =
  | { permission: string }
  | { role: string }
  | { reverification: ReverificationPreset | ReverificationRequirement };

export interface SignedInAuthObject {
  userId: string;
  sessionId: string;
  sessionClaims: SessionTokenClaims;
  orgId: string | null;
  orgRole: string | null;
  orgPermissions: string[];
  actor: SessionTokenClaims['act'] | null;
  /** Minutes since the first and second factor were verified (-1: never). */
  factorVerificationAge: [number, number] | null;
  has(params: HasParams): boolean;
  /** The verified session token, to call other services as the user. */
  getToken(): Promise<string>;
}

export interface SignedOutAuthObject {
  userId: null;
  sessionId: null;
  sessionClaims: null;
  orgId: null;
  orgRole: null;
  orgPermissions: [];
  actor: null;
  factorVerificationAge: null;
  has(params: HasParams): false;
  getToken(): Promise<null>;
}

export type AuthObject = SignedInAuthObject | SignedOutAuthObject;

export function signedInAuthObject(claims: SessionTokenClaims, token: string): SignedInAuthObject {
  const orgPermissions = Array.isArray(claims.org_permissions) ? claims.org_permissions : [];
  const orgRole = typeof claims.org_role === 'string' ? claims.org_role : null;
  const fva = Array.isArray(claims.fva) ? claims.fva : null;
  return {
    userId: claims.sub,
    sessionId: claims.sid,
    sessionClaims: claims,
    orgId: typeof claims.org_id === 'string' ? claims.org_id : null,
    orgRole,
    orgPermissions,
    actor: claims.act ?? null,
    factorVerificationAge: fva,
    has(params) {
      if ('permission' in params) return orgPermissions.includes(params.permission);
      if ('role' in params) return orgRole === params.role;
      return meetsReverification(fva, params.reverification);
    },
    getToken: async () => token,
  };
}

export const signedOutAuthObject = (): SignedOutAuthObject => ({
  userId: null,
  sessionId: null,
  sessionClaims: null,
  orgId: null,
  orgRole: null,
  orgPermissions: [],
  actor: null,
  factorVerificationAge: null,
  has: () => false,
  getToken: async () => null,
});
