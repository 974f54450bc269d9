/**
 * Backend API sessions (list, get, revoke, server-side tokens) and clients (verify a client
 * token, get by id).
 */
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, mintToken, signIn } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { expectError, jwtPayload } from './expect-error.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

async function signedIn() {
  const user = await createUser(server);
  const browser = server.browser();
  const { sessionId } = await signIn(browser, user.email);
  return { ...user, browser, sessionId };
}

describe('GET /v1/sessions', () => {
  it('lists a user’s sessions newest first, filtered by status', async () => {
    const a = await signedIn();
    server.clock.advance(1000);
    const second = server.browser();
    const { sessionId: s2 } = await signIn(second, a.email);
    const other = await signedIn();

    const r = await server.backend.get(`/v1/sessions?user_id=${a.userId}&status=active`);
    expect(r.status).toBe(200);
    expect(r.body.map((s: { id: string }) => s.id)).toEqual([s2, a.sessionId]);
    expect(r.body[1]).toEqual({
      object: 'session',
      id: a.sessionId,
      user_id: a.userId,
      client_id: expect.stringMatching(/^client_/),
      status: 'active',
      actor: null,
      last_active_organization_id: null,
      last_active_at: expect.any(Number),
      expire_at: expect.any(Number),
      abandon_at: expect.any(Number),
      latest_activity: expect.objectContaining({ object: 'session_activity', ip_address: '127.0.0.1' }),
      created_at: expect.any(Number),
      updated_at: expect.any(Number),
    });
    expect(r.body[1].client_id).not.toBe(r.body[0].client_id);
    expect(r.body.some((s: { user_id: string }) => s.user_id === other.userId)).toBe(false);

    await a.browser.post(`/v1/client/sessions/${a.sessionId}/end`);
    const active = await server.backend.get(`/v1/sessions?user_id=${a.userId}&status=active`);
    expect(active.body.map((s: { id: string }) => s.id)).toEqual([s2]);
    const ended = await server.backend.get(`/v1/sessions?user_id=${a.userId}&status=ended`);
    expect(ended.body.map((s: { id: string }) => s.id)).toEqual([a.sessionId]);
    const all = await server.backend.get(`/v1/sessions?user_id=${a.userId}`);
    expect(all.body).toHaveLength(2);
    const limited = await server.backend.get(`/v1/sessions?user_id=${a.userId}&limit=1&offset=1`);
    expect(limited.body.map((s: { id: string }) => s.id)).toEqual([a.sessionId]);
  });

  it('refuses an unknown status and unknown parameters', async () => {
    expectError(await server.backend.get('/v1/sessions?status=sleeping'), 'form_param_format_invalid', {
      param_name: 'status',
    });
    expectError(await server.backend.get('/v1/sessions?user=me'), 'form_param_unknown', { param_name: 'user' });
  });
});

describe('GET /v1/sessions/:id', () => {
  it('returns the session', async () => {
    const a = await signedIn();
    const r = await server.backend.get(`/v1/sessions/${a.sessionId}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ object: 'session', id: a.sessionId, user_id: a.userId, status: 'active' });
  });

  it('answers 404 session_not_found for an unknown id, on every session route', async () => {
    expectError(await server.backend.get('/v1/sessions/sess_missing'), 'session_not_found', {
      session_id: 'sess_missing',
    });
    expectError(await server.backend.post('/v1/sessions/sess_missing/revoke'), 'session_not_found');
    expectError(await server.backend.post('/v1/sessions/sess_missing/tokens'), 'session_not_found');
  });
});

describe('POST /v1/sessions/:id/revoke', () => {
  it('revokes the session at once: the browser can mint no more tokens', async () => {
    const a = await signedIn();
    expect((await mintToken(a.browser, a.sessionId)).status).toBe(200);

    const r = await server.backend.post(`/v1/sessions/${a.sessionId}/revoke`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ object: 'session', id: a.sessionId, status: 'revoked' });

    expectError(await mintToken(a.browser, a.sessionId), 'session_not_active', {
      session_id: a.sessionId,
      status: 'revoked',
    });
    expectError(await server.backend.post(`/v1/sessions/${a.sessionId}/tokens`), 'session_not_active', {
      status: 'revoked',
    });
    expect((await server.backend.get(`/v1/sessions/${a.sessionId}`)).body.status).toBe('revoked');
    const client = await a.browser.get('/v1/client');
    expect(client.body.response.sessions).toEqual([]);
  });

  it('leaves an already ended session as it was', async () => {
    const a = await signedIn();
    await a.browser.post(`/v1/client/sessions/${a.sessionId}/end`);
    const r = await server.backend.post(`/v1/sessions/${a.sessionId}/revoke`);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ended');
  });
});

describe('POST /v1/sessions/:id/tokens', () => {
  it('mints a session token without azp that verifies against the Backend API JWKS', async () => {
    const a = await signedIn();
    const r = await server.backend.post(`/v1/sessions/${a.sessionId}/tokens`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ object: 'token', jwt: expect.any(String) });

    const jwks = await server.backend.get('/v1/jwks');
    const { payload, protectedHeader } = await jwtVerify(r.body.jwt, createLocalJWKSet(jwks.body), {
      issuer: server.url,
    });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: jwks.body.keys[0].kid });
    expect(payload).toMatchObject({ sub: a.userId, sid: a.sessionId });
    expect(payload).not.toHaveProperty('azp');

    // The browser's token, by contrast, names its origin.
    const fromBrowser = await mintToken(a.browser, a.sessionId);
    expect(jwtPayload(fromBrowser.body.jwt).azp).toBe('http://localhost:5173');
    expect(decodeProtectedHeader(fromBrowser.body.jwt).kid).toBe(protectedHeader.kid);
  });
});

describe('clients', () => {
  it('verifies the browser’s client token and returns the client with its sessions', async () => {
    const a = await signedIn();
    const token = a.browser.clientToken!;
    expect(token).toMatch(/^client_/);
    const r = await server.backend.post('/v1/clients/verify', { token });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      object: 'client',
      id: token.split('.')[0],
      session_ids: [a.sessionId],
      sessions: [expect.objectContaining({ object: 'session', id: a.sessionId, user_id: a.userId, status: 'active' })],
      last_active_session_id: a.sessionId,
      sign_up_id: null,
      created_at: expect.any(Number),
    });

    const one = await server.backend.get(`/v1/clients/${r.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(r.body);

    // Sign-out rotates the client token: the old one no longer verifies, the new one shows no session.
    await a.browser.post(`/v1/client/sessions/${a.sessionId}/end`);
    expect(a.browser.clientToken).not.toBe(token);
    expectError(await server.backend.post('/v1/clients/verify', { token }), 'client_token_invalid');
    const after = await server.backend.post('/v1/clients/verify', { token: a.browser.clientToken });
    expect(after.body).toMatchObject({ id: r.body.id, session_ids: [], sessions: [], last_active_session_id: null });
  });

  it('refuses a wrong, malformed or empty token', async () => {
    const a = await signedIn();
    const token = a.browser.clientToken!;
    const [clientId, secret] = token.split('.') as [string, string];
    const flipped = `${clientId}.${secret[0] === 'A' ? 'B' : 'A'}${secret.slice(1)}`;
    expectError(await server.backend.post('/v1/clients/verify', { token: flipped }), 'client_token_invalid');
    expectError(await server.backend.post('/v1/clients/verify', { token: 'not-a-token' }), 'client_token_invalid');
    expectError(
      await server.backend.post('/v1/clients/verify', { token: `client_${'a'.repeat(22)}.${secret}` }),
      'client_token_invalid',
    );
    expectError(await server.backend.post('/v1/clients/verify', {}), 'form_param_missing', { param_name: 'token' });
  });

  it('answers 404 for an unknown client id', async () => {
    expectError(await server.backend.get('/v1/clients/client_missing'), 'resource_not_found', {
      client_id: 'client_missing',
    });
  });
});

describe('session lifetime', () => {
  it('reports a session past its maximum lifetime as expired, and mints no token for it', async () => {
    const a = await signedIn();
    server.clock.advance(7 * 24 * 3600 * 1000 + 1000);
    const r = await server.backend.get(`/v1/sessions/${a.sessionId}`);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('expired');
    expectError(await server.backend.post(`/v1/sessions/${a.sessionId}/tokens`), 'session_expired', {
      status: 'expired',
    });
    expectError(await mintToken(a.browser, a.sessionId), 'session_expired');
  });
});
