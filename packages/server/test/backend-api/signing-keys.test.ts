/**
 * Signing keys through the Backend API: changing the signing algorithm rotates the key, and an
 * explicit rotation does too; in both cases the retired key stays in the JWKS, so tokens signed
 * before still verify.
 */
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, mintToken, signIn } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { expectError } from './expect-error.ts';

let server: TestServer;
let browser: Browser;
let sessionId: string;
beforeAll(async () => {
  server = await startServer();
  const { email } = await createUser(server);
  browser = server.browser();
  sessionId = (await signIn(browser, email)).sessionId;
});
afterAll(() => server.close());

interface Jwk {
  kid: string;
  alg: string;
  kty: string;
}
const jwks = async (): Promise<{ keys: Jwk[] }> => {
  const backend = await server.backend.get('/v1/jwks');
  expect(backend.status).toBe(200);
  const frontend = await fetch(`${server.url}/.well-known/jwks.json`).then((r) => r.json());
  expect(frontend).toEqual(backend.body);
  return backend.body;
};
const token = async () => {
  const r = await mintToken(browser, sessionId);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.jwt as string;
};
const verify = async (jwt: string) =>
  jwtVerify(jwt, createLocalJWKSet((await jwks()) as Parameters<typeof createLocalJWKSet>[0]), {
    issuer: server.url,
  });

describe('signing keys', () => {
  let es256Token: string;
  let es256Kid: string;
  let rs256Kid: string;

  it('start with one ES256 key, published in both JWKS endpoints', async () => {
    const { keys } = await jwks();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', alg: 'ES256', use: 'sig', crv: 'P-256' });
    expect(keys[0]).not.toHaveProperty('d');
    es256Token = await token();
    es256Kid = keys[0]!.kid;
    expect(decodeProtectedHeader(es256Token)).toMatchObject({ alg: 'ES256', kid: es256Kid });
    expect((await verify(es256Token)).payload.sid).toBe(sessionId);
  });

  it('rotate to a new RS256 key when the algorithm setting changes, keeping the old key published', async () => {
    const r = await server.backend.patch('/v1/instance/settings', { sessions: { signing_algorithm: 'RS256' } });
    expect(r.status).toBe(200);
    expect(r.body.settings.sessions.signing_algorithm).toBe('RS256');

    const jwt = await token();
    const header = decodeProtectedHeader(jwt);
    expect(header.alg).toBe('RS256');
    expect(header.kid).not.toBe(es256Kid);
    rs256Kid = header.kid!;
    expect((await server.backend.post(`/v1/sessions/${sessionId}/tokens`)).body.jwt).toSatisfy(
      (t: string) => decodeProtectedHeader(t).kid === rs256Kid,
    );

    const { keys } = await jwks();
    expect(keys.map((k) => k.kid).sort()).toEqual([es256Kid, rs256Kid].sort());
    expect(keys.find((k) => k.kid === rs256Kid)).toMatchObject({ kty: 'RSA', alg: 'RS256', e: 'AQAB' });
    expect(keys.find((k) => k.kid === es256Kid)).toMatchObject({ alg: 'ES256' });

    expect((await verify(jwt)).protectedHeader.alg).toBe('RS256');
    expect((await verify(es256Token)).payload.sid).toBe(sessionId);
  });

  it('do not rotate when a settings patch leaves the algorithm as it is', async () => {
    const r = await server.backend.patch('/v1/instance/settings', {
      sessions: { signing_algorithm: 'RS256' },
      application_name: 'Same key',
    });
    expect(r.status).toBe(200);
    expect(decodeProtectedHeader(await token()).kid).toBe(rs256Kid);
    expect((await jwks()).keys).toHaveLength(2);
  });

  it('rotate on request: the new kid signs, the retired kid stays published, older tokens verify', async () => {
    const before = await token();
    const r = await server.backend.post('/v1/instance/signing_keys/rotate');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ object: 'signing_key_rotation', kid: expect.any(String), retired_kid: rs256Kid });
    const newKid = r.body.kid;
    expect(newKid).not.toBe(rs256Kid);

    const after = await token();
    expect(decodeProtectedHeader(after)).toMatchObject({ alg: 'RS256', kid: newKid });

    const { keys } = await jwks();
    expect(keys.map((k) => k.kid)).toEqual(expect.arrayContaining([es256Kid, rs256Kid, newKid]));
    // Signed before the rotation, checked against the JWKS after it.
    const { payload, protectedHeader } = await verify(before);
    expect(protectedHeader.kid).toBe(rs256Kid);
    expect(payload.sid).toBe(sessionId);
    expect((await verify(after)).protectedHeader.kid).toBe(newKid);
    expect((await verify(es256Token)).protectedHeader.kid).toBe(es256Kid);
  });

  it('drop a retired key from the JWKS once every token it signed has expired', async () => {
    const current = decodeProtectedHeader(await token()).kid!;
    server.clock.advance(2 * 3600 * 1000);
    const { keys } = await jwks();
    expect(keys.map((k) => k.kid)).toEqual([current]);
    await expect(verify(es256Token)).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
  });

  it('refuse an unknown algorithm', async () => {
    const r = await server.backend.patch('/v1/instance/settings', { sessions: { signing_algorithm: 'HS256' } });
    expectError(r, 'form_param_format_invalid', { param_name: 'sessions.signing_algorithm' });
  });
});
