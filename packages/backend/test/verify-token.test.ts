/**
 * verifyToken against a real Gatehouse server: every failure reason, clock skew, the three
 * key sources (Backend API JWKS, Frontend API JWKS, PEM), key rotation and kid-miss refetching.
 */
import { exportSPKI, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mintToken, signUp } from '../../server/test/fixtures/flows.ts';
import { startServer, type TestServer } from '../../server/test/fixtures/server.ts';
import { clearJwksCache, TokenVerificationError, verifyToken } from '../src/index.ts';

let server: TestServer;
let token: string;
let sessionId: string;
let userId: string;
let publishableKey: string;

beforeAll(async () => {
  server = await startServer();
  const browser = server.browser({ origin: 'http://localhost:5173' });
  ({ sessionId, userId } = await signUp(server, browser));
  token = (await mintToken(browser, sessionId)).body.jwt;
  publishableKey = (await server.backend.get('/v1/instance')).body.publishable_key;
});
afterAll(() => server.close());
beforeEach(() => clearJwksCache());

const claimsOf = (t: string) => JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString());
const reasonOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof TokenVerificationError) return e.reason;
    throw e;
  }
  return 'verified';
};

describe('key sources', () => {
  it('verifies with the Backend API JWKS (secret key + publishable key)', async () => {
    const claims = await verifyToken(token, { secretKey: server.secretKey, publishableKey });
    expect(claims).toMatchObject({ sub: userId, sid: sessionId, iss: server.url, azp: 'http://localhost:5173' });
  });

  it('verifies with the public Frontend API JWKS (publishable key only)', async () => {
    expect((await verifyToken(token, { publishableKey })).sub).toBe(userId);
  });

  it('verifies with a PEM public key and no network at all', async () => {
    const jwks = (await server.backend.get('/v1/jwks')).body;
    const pem = await exportSPKI((await importJWK(jwks.keys[0] as JWK, 'ES256', { extractable: true })) as CryptoKey);
    const noNetwork = (() => {
      throw new Error('no network allowed');
    }) as unknown as typeof fetch;
    expect((await verifyToken(token, { jwtKey: pem, fetch: noNetwork })).sub).toBe(userId);
  });

  it('reports jwk-failed-to-load when the JWKS cannot be fetched', async () => {
    expect(await reasonOf(verifyToken(token, { secretKey: `sk_test_${'x'.repeat(43)}`, publishableKey }))).toBe(
      'jwk-failed-to-load',
    );
  });
});

describe('claims', () => {
  const at = (secondsFromIat: number) => new Date((claimsOf(token).iat + secondsFromIat) * 1000);

  it('token-expired past exp plus the clock skew', async () => {
    expect(await reasonOf(verifyToken(token, { publishableKey, currentDate: at(60 + 4) }))).toBe('verified');
    expect(await reasonOf(verifyToken(token, { publishableKey, currentDate: at(60 + 6) }))).toBe('token-expired');
    expect(await reasonOf(verifyToken(token, { publishableKey, currentDate: at(60 + 6), clockSkewInMs: 10_000 }))).toBe(
      'verified',
    );
  });

  it('token-not-active-yet before nbf minus the skew', async () => {
    expect(await reasonOf(verifyToken(token, { publishableKey, currentDate: at(-16) }))).toBe('token-not-active-yet');
  });

  it('token-iat-in-the-future when iat is ahead of the clock by more than the skew', async () => {
    expect(await reasonOf(verifyToken(token, { publishableKey, currentDate: at(-7) }))).toBe('token-iat-in-the-future');
  });

  it('token-invalid-authorized-parties when azp is not listed; tokens without azp pass', async () => {
    expect(await reasonOf(verifyToken(token, { publishableKey, authorizedParties: ['https://app.example.com'] }))).toBe(
      'token-invalid-authorized-parties',
    );
    expect(await reasonOf(verifyToken(token, { publishableKey, authorizedParties: ['http://localhost:5173'] }))).toBe(
      'verified',
    );
    const serverSide = (await server.backend.post(`/v1/sessions/${sessionId}/tokens`)).body.jwt;
    expect(
      await reasonOf(verifyToken(serverSide, { publishableKey, authorizedParties: ['https://app.example.com'] })),
    ).toBe('verified');
  });

  it('token-invalid-issuer when iss differs from the expected issuer', async () => {
    expect(await reasonOf(verifyToken(token, { publishableKey, issuer: 'https://other.example.com' }))).toBe(
      'token-invalid-issuer',
    );
    expect(await reasonOf(verifyToken(token, { publishableKey, issuer: server.url }))).toBe('verified');
  });
});

describe('signature and format', () => {
  it('token-invalid-signature for a token whose payload was changed', async () => {
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claimsOf(token), sub: 'user_attacker' })).toString('base64url');
    expect(await reasonOf(verifyToken(`${h}.${forged}.${s}`, { publishableKey }))).toBe('token-invalid-signature');
  });

  it('token-invalid-algorithm for an HS256 token', async () => {
    const hs = await new SignJWT({ sub: userId, sid: sessionId })
      .setProtectedHeader({ alg: 'HS256', kid: 'whatever' })
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode('a'.repeat(32)));
    expect(await reasonOf(verifyToken(hs, { publishableKey }))).toBe('token-invalid-algorithm');
  });

  it('token-invalid for something that is not a JWT', async () => {
    expect(await reasonOf(verifyToken('not.a.jwt', { publishableKey }))).toBe('token-invalid');
  });

  it('jwk-kid-mismatch for an unknown kid, refetching the JWKS at most once per interval', async () => {
    let fetches = 0;
    const counting: typeof fetch = (input, init) => {
      fetches++;
      return fetch(input, init);
    };
    const { privateKey } = await generateKeyPair('ES256');
    const stranger = (kid: string) =>
      new SignJWT({ sub: userId, sid: sessionId })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setIssuedAt()
        .setExpirationTime('1m')
        .sign(privateKey);
    const opts = { publishableKey, fetch: counting, kidMissRefetchIntervalMs: 60_000 };
    expect(await reasonOf(verifyToken(await stranger('key_unknown_1'), opts))).toBe('jwk-kid-mismatch');
    expect(fetches).toBe(2); // the first load, then one refetch for the miss
    expect(await reasonOf(verifyToken(await stranger('key_unknown_2'), opts))).toBe('jwk-kid-mismatch');
    expect(fetches).toBe(2); // no second refetch inside the interval
    expect(await reasonOf(verifyToken(token, opts))).toBe('verified');
    expect(fetches).toBe(2);
  });
});

describe('key rotation', () => {
  it('a token signed by the previous key still verifies, and the new kid is fetched once', async () => {
    let fetches = 0;
    const counting: typeof fetch = (input, init) => {
      fetches++;
      return fetch(input, init);
    };
    const opts = { secretKey: server.secretKey, publishableKey, fetch: counting };
    expect((await verifyToken(token, opts)).sub).toBe(userId);
    expect(fetches).toBe(1);

    const rotation = await server.backend.post('/v1/instance/signing_keys/rotate');
    expect(rotation.status).toBe(200);
    const browser = server.browser();
    const fresh = await signUp(server, browser);
    const newToken = (await mintToken(browser, fresh.sessionId)).body.jwt;
    expect(JSON.parse(Buffer.from(newToken.split('.')[0], 'base64url').toString()).kid).toBe(rotation.body.kid);

    expect((await verifyToken(newToken, opts)).sub).toBe(fresh.userId);
    expect(fetches).toBe(2);
    expect((await verifyToken(token, opts)).sub).toBe(userId);
    expect(fetches).toBe(2);
  });
});

describe('revocation', () => {
  it('checkRevocation refuses a token whose session was revoked, which plain verification cannot know', async () => {
    const browser = server.browser();
    const s = await signUp(server, browser);
    const t = (await mintToken(browser, s.sessionId)).body.jwt;
    const opts = { secretKey: server.secretKey, publishableKey, checkRevocation: true };
    expect(await reasonOf(verifyToken(t, opts))).toBe('verified');
    await server.backend.post(`/v1/sessions/${s.sessionId}/revoke`);
    expect(await reasonOf(verifyToken(t, { secretKey: server.secretKey, publishableKey }))).toBe('verified');
    expect(await reasonOf(verifyToken(t, opts))).toBe('session-revoked');
  });
});
