/**
 * An OpenID Connect provider that signs whatever ID token the test asks for (wrong audience,
 * expired, another nonce, another key), so the test can show Gatehouse's checks refuse each.
 * Configured by hand (no discovery), as a custom provider with `jwks_url` would be.
 */
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

export interface ForgedClaims {
  aud?: string;
  iss?: string;
  /** Seconds from now; negative: already expired. */
  expiresIn?: number;
  nonce?: string;
  /** Sign with a key the JWKS does not publish. */
  foreignKey?: boolean;
}

export interface ForgedIdp {
  url: string;
  issuer: string;
  /** The claims of the next ID token (defaults: right audience, issuer and nonce, 5 minutes). */
  forgeNext(claims: ForgedClaims): void;
  close(): Promise<void>;
}

export async function startForgedIdp(clientId: string): Promise<ForgedIdp> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, string>();
  let next: ForgedClaims = {};
  let issuer = '';
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === '/authorize') {
      const code = `code-${codes.size + 1}`;
      codes.set(code, url.searchParams.get('nonce') ?? '');
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.href }).end();
      return;
    }
    if (url.pathname === '/jwks') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const nonce = codes.get(new URLSearchParams(raw).get('code') ?? '') ?? '';
      const claims = next;
      next = {};
      const now = Math.floor(Date.now() / 1000);
      const idToken = await new SignJWT({
        nonce: claims.nonce ?? nonce,
        email: 'forged@example.com',
        email_verified: true,
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(claims.iss ?? issuer)
        .setAudience(claims.aud ?? clientId)
        .setSubject('forged-user')
        .setIssuedAt(now - 10)
        .setExpirationTime(now + (claims.expiresIn ?? 300))
        .sign(claims.foreignKey ? foreign.privateKey : privateKey);
      res
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(
          JSON.stringify({ access_token: 'forged-access', token_type: 'Bearer', expires_in: 3600, id_token: idToken }),
        );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  issuer = `http://127.0.0.1:${port}`;
  return {
    url: issuer,
    issuer,
    forgeNext(claims) {
      next = claims;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
