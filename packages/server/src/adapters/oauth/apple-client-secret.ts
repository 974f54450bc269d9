/**
 * Sign in with Apple's client secret: not a configured string but an ES256 JWT the client signs
 * with its team's key (header `kid` = the key id; `iss` = the team id, `sub` = the client id
 * (Services ID), `aud` = Apple, `iat`, `exp` at most 6 months later). One is signed per key and
 * client and reused until 5 minutes before it expires; a key change signs a new one.
 * @see https://developer.apple.com/documentation/accountorganizationaldatasharing/creating-a-client-secret
 */
import { importPKCS8, SignJWT } from 'jose';
import { PromiseCache } from './promise-cache.ts';

export interface ClientSecretJwt {
  teamId: string;
  keyId: string;
  /** PKCS#8 PEM (the `.p8` file Apple hands out). */
  privateKey: string;
  audience: string;
}

/** An hour: far below Apple's 6-month ceiling, so a leaked secret is short-lived. */
const LIFETIME_S = 60 * 60;
const RENEW_BEFORE_S = 5 * 60;

const signed = new PromiseCache<string>();

export function clientSecretJwt(key: ClientSecretJwt, clientId: string): Promise<string> {
  const id = JSON.stringify([key.teamId, key.keyId, key.privateKey, key.audience, clientId]);
  const now = Date.now();
  return signed.get(id, now, () => {
    const iat = Math.floor(now / 1000);
    const jwt = importPKCS8(key.privateKey, 'ES256').then((pk) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: key.keyId })
        .setIssuer(key.teamId)
        .setSubject(clientId)
        .setAudience(key.audience)
        .setIssuedAt(iat)
        .setExpirationTime(iat + LIFETIME_S)
        .sign(pk),
    );
    return { value: jwt, until: (iat + LIFETIME_S - RENEW_BEFORE_S) * 1000 };
  });
}
