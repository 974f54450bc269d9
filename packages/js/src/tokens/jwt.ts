/**
 * Reads the claims of a session token without verifying it: the SDK only needs `iat` and
 * `exp` to know when to mint the next one. Verification is the backend's job.
 */
export interface TokenTimes {
  /** Issued at, seconds since the epoch (server time). */
  iat: number;
  /** Expires at, seconds since the epoch (server time). */
  exp: number;
}

const base64UrlDecode = (s: string): string => {
  const b64 = s
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(s.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
};

export function readTokenTimes(jwt: string): TokenTimes {
  const payload = jwt.split('.')[1];
  if (!payload) throw new TypeError('not a JWT');
  const claims = JSON.parse(base64UrlDecode(payload)) as { iat?: unknown; exp?: unknown };
  if (typeof claims.iat !== 'number' || typeof claims.exp !== 'number') throw new TypeError('JWT without iat/exp');
  return { iat: claims.iat, exp: claims.exp };
}
