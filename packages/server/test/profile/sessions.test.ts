/**
 * The user's sessions on the profile page: list them, and revoke one on another device,
 * whose next token mint then fails. Sessions of other users are not found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../backend-api/expect-error.ts';
import { mintToken, signIn, signUp, uniqueEmail } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const revoke = (browser: ReturnType<TestServer['browser']>, sessionId: string) =>
  browser.post(`/v1/me/sessions/${sessionId}/revoke`);

/** One user signed in on two devices (browsers). */
async function twoDevices() {
  const laptop = server.browser();
  const { email, userId, sessionId: laptopSession } = await signUp(server, laptop, uniqueEmail('devices'));
  const phone = server.browser();
  const { sessionId: phoneSession } = await signIn(phone, email);
  return { laptop, phone, userId, laptopSession, phoneSession };
}

describe('POST /v1/me/sessions/{id}/revoke', () => {
  it('revokes the session on another device: wrapped session with status revoked, and that device can mint no more tokens', async () => {
    const { laptop, phone, userId, laptopSession, phoneSession } = await twoDevices();
    expect((await mintToken(phone, phoneSession)).status).toBe(200);
    const listed = await laptop.get('/v1/me/sessions');
    expect(listed.body.map((s: { id: string }) => s.id).sort()).toEqual([laptopSession, phoneSession].sort());

    const r = await revoke(laptop, phoneSession);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.response).toMatchObject({ object: 'session', id: phoneSession, status: 'revoked' });
    expect(r.body.response.user.id).toBe(userId);
    expect(r.body.client.last_active_session_id).toBe(laptopSession);

    expectError(await mintToken(phone, phoneSession), 'session_not_active', { session_id: phoneSession });
    expectError(await phone.get('/v1/me'), 'session_not_active');
    // The revoking device is untouched.
    expect((await mintToken(laptop, laptopSession)).status).toBe(200);
    const after = await laptop.get('/v1/me/sessions');
    expect(after.body.map((s: { id: string }) => s.id)).toEqual([laptopSession]);
    const stored = await server.backend.get(`/v1/sessions/${phoneSession}`);
    expect(stored.body.status).toBe('revoked');
  });

  it('answers session_not_found for a session of another user, and leaves it active', async () => {
    const mine = await twoDevices();
    const theirs = await twoDevices();

    expectError(await revoke(mine.laptop, theirs.phoneSession), 'session_not_found', {
      session_id: theirs.phoneSession,
    });
    expect((await mintToken(theirs.phone, theirs.phoneSession)).status).toBe(200);
    expect((await server.backend.get(`/v1/sessions/${theirs.phoneSession}`)).body.status).toBe('active');
  });

  it('answers session_not_found for an unknown session id', async () => {
    const { laptop } = await twoDevices();
    expectError(await revoke(laptop, 'sess_unknown'), 'session_not_found');
  });

  it('returns an already revoked session unchanged', async () => {
    const { laptop, phoneSession } = await twoDevices();
    expect((await revoke(laptop, phoneSession)).status).toBe(200);
    const again = await revoke(laptop, phoneSession);
    expect(again.status).toBe(200);
    expect(again.body.response).toMatchObject({ id: phoneSession, status: 'revoked' });
  });

  it('signs this client out when it revokes its own session, with a new client token', async () => {
    const { laptop, laptopSession, phone, phoneSession } = await twoDevices();
    const tokenBefore = laptop.clientToken;

    const r = await revoke(laptop, laptopSession);
    expect(r.status).toBe(200);
    expect(r.body.response.status).toBe('revoked');
    expect(r.body.client.last_active_session_id).toBeNull();
    expect(laptop.clientToken).not.toBe(tokenBefore);
    expectError(await laptop.get('/v1/me'), 'signed_out');
    expect((await mintToken(phone, phoneSession)).status).toBe(200);
  });

  it('refuses a browser with no session: signed_out', async () => {
    const { phoneSession, phone } = await twoDevices();
    expectError(await revoke(server.browser(), phoneSession), 'signed_out');
    expect((await mintToken(phone, phoneSession)).status).toBe(200);
  });
});
