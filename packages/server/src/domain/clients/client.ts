/**
 * A client is one browser (or native app install). It is identified by an opaque token in the
 * `__client` cookie (or `Authorization: Bearer` for native apps): `<client id>.<secret>`. Only
 * the secret's hash is stored, and the secret rotates on every sign-in and sign-out so a token
 * known before a sign-in is worthless after it (no session fixation).
 */
export interface Client {
  id: string;
  instanceId: string;
  tokenHash: string;
  lastActiveSessionId: string | null;
  signInId: string | null;
  signUpId: string | null;
  createdAt: number;
  updatedAt: number;
}

export const formatClientToken = (clientId: string, secret: string): string => `${clientId}.${secret}`;

export function parseClientToken(token: string): { clientId: string; secret: string } | null {
  const m = /^(client_[0-9A-Za-z]{22})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return m ? { clientId: m[1]!, secret: m[2]! } : null;
}
