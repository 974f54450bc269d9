/**
 * Clerk's own backend SDK (@clerk/backend from npm) works against Gatehouse: it verifies a
 * Gatehouse session token with `verifyToken(token, { jwtKey })` (RS256, the only algorithm it
 * accepts), and its Backend API client reads a user and revokes a session.
 */
import { createClerkClient, verifyToken } from '@clerk/backend';
import { exportSPKI, importJWK, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken, signUp } from '../../server/test/fixtures/flows.ts';
import { startServer, type TestServer } from '../../server/test/fixtures/server.ts';

let server: TestServer;
let jwtKey: string;

beforeAll(async () => {
  server = await startServer({ settings: { sessions: { signing_algorithm: 'RS256' } } });
  const jwks = (await server.backend.get('/v1/jwks')).body;
  expect(jwks.keys[0].alg).toBe('RS256');
  jwtKey = await exportSPKI((await importJWK(jwks.keys[0] as JWK, 'RS256', { extractable: true })) as CryptoKey);
});
afterAll(() => server.close());

describe('@clerk/backend against Gatehouse', () => {
  it('verifyToken with jwtKey accepts a Gatehouse session token', async () => {
    const browser = server.browser({ origin: 'http://localhost:5173' });
    const { userId, sessionId } = await signUp(server, browser);
    const jwt = (await mintToken(browser, sessionId)).body.jwt;
    const payload = await verifyToken(jwt, { jwtKey, authorizedParties: ['http://localhost:5173'] });
    expect(payload).toMatchObject({ sub: userId, sid: sessionId, azp: 'http://localhost:5173' });
  });

  it('verifyToken with jwtKey refuses a token for another authorized party', async () => {
    const browser = server.browser({ origin: 'http://localhost:5173' });
    const { sessionId } = await signUp(server, browser);
    const jwt = (await mintToken(browser, sessionId)).body.jwt;
    await expect(verifyToken(jwt, { jwtKey, authorizedParties: ['https://app.example.com'] })).rejects.toThrow();
  });

  it('createClerkClient reads a user and revokes a session through the Gatehouse Backend API', async () => {
    const browser = server.browser();
    const { userId, sessionId, email } = await signUp(server, browser);
    await server.backend.patch(`/v1/users/${userId}`, { first_name: 'Grace', public_metadata: { plan: 'pro' } });

    const clerk = createClerkClient({ secretKey: server.secretKey, apiUrl: server.url });
    const user = await clerk.users.getUser(userId);
    expect(user.id).toBe(userId);
    expect(user.firstName).toBe('Grace');
    expect(user.publicMetadata).toEqual({ plan: 'pro' });
    expect(user.emailAddresses[0]?.emailAddress).toBe(email);
    expect(user.primaryEmailAddress?.emailAddress).toBe(email);

    const session = await clerk.sessions.revokeSession(sessionId);
    expect(session.status).toBe('revoked');
    expect((await mintToken(browser, sessionId)).body.errors[0].code).toBe('session_not_active');
  });
});
