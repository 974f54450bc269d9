/** The claims of a Gatehouse session token (Clerk's v2 shape). */
export interface SessionTokenClaims {
  /** The user id. */
  sub: string;
  /** The session id. */
  sid: string;
  /** The Frontend API URL of the instance that issued the token. */
  iss: string;
  /** The origin that asked for the token, when a browser did. */
  azp?: string;
  iat: number;
  nbf: number;
  exp: number;
  /** Minutes since the first and the second factor were verified; -1 for never. */
  fva?: [number, number];
  v?: number;
  jti?: string;
  /** Organization claims, when the session has an active organization. */
  org_id?: string;
  org_role?: string;
  org_permissions?: string[];
  /** The impersonating actor, for impersonation sessions. */
  act?: { sub: string; [k: string]: unknown };
  [claim: string]: unknown;
}
