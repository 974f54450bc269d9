/**
 * Banning and locking users through the Backend API:
 * - a ban revokes every active session at once; a banned user is only told so after the right
 *   password (a wrong one gets the ordinary error); unban lets them sign in again;
 * - a lock refuses sign-in before the password is checked, until an administrator unlocks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, mintToken, PASSWORD, signIn } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { expectError } from './expect-error.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const attempt = (email: string, password: string) =>
  server.browser().post('/v1/client/sign_ins', { identifier: email, password });

const activeSessions = async (userId: string) => {
  const r = await server.backend.get(`/v1/sessions?user_id=${userId}&status=active`);
  expect(r.status).toBe(200);
  return r.body.map((s: { id: string }) => s.id);
};

describe('ban and unban', () => {
  it('revokes every active session of the user, on every client, at once', async () => {
    const { email, userId } = await createUser(server);
    const other = await createUser(server);
    const [b1, b2, b3] = [server.browser(), server.browser(), server.browser()];
    const s1 = (await signIn(b1, email)).sessionId;
    const s2 = (await signIn(b2, email)).sessionId;
    const s3 = (await signIn(b3, other.email)).sessionId;
    expect((await activeSessions(userId)).sort()).toEqual([s1, s2].sort());

    const r = await server.backend.post(`/v1/users/${userId}/ban`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ object: 'user', id: userId, banned: true, locked: false });

    expect(await activeSessions(userId)).toEqual([]);
    for (const [browser, sid] of [
      [b1, s1],
      [b2, s2],
    ] as const) {
      expectError(await mintToken(browser, sid), 'session_not_active', { session_id: sid, status: 'revoked' });
      expect((await server.backend.get(`/v1/sessions/${sid}`)).body.status).toBe('revoked');
    }
    // Another user's session is untouched.
    expect((await mintToken(b3, s3)).status).toBe(200);
    expect((await server.backend.get(`/v1/users/${userId}`)).body.banned).toBe(true);
  });

  it('tells a banned user so only after the right password; a wrong one gets the usual error', async () => {
    const { email, userId } = await createUser(server);
    await server.backend.post(`/v1/users/${userId}/ban`);

    expectError(await attempt(email, PASSWORD), 'user_banned');
    expectError(await attempt(email, 'a wrong password'), 'form_password_incorrect', { param_name: 'password' });
    expect(await activeSessions(userId)).toEqual([]);
  });

  it('refuses the identifier-first flow for a banned user at the password step too', async () => {
    const { email, userId } = await createUser(server);
    await server.backend.post(`/v1/users/${userId}/ban`);
    const browser = server.browser();
    const created = await browser.post('/v1/client/sign_ins', { identifier: email });
    expect(created.status).toBe(200);
    expect(created.body.response.status).toBe('needs_first_factor');
    const r = await browser.post(`/v1/client/sign_ins/${created.body.response.id}/attempt_first_factor`, {
      strategy: 'password',
      password: PASSWORD,
    });
    expectError(r, 'user_banned');
  });

  it('lets the user sign in again after unban', async () => {
    const { email, userId } = await createUser(server);
    await server.backend.post(`/v1/users/${userId}/ban`);
    expectError(await attempt(email, PASSWORD), 'user_banned');

    const r = await server.backend.post(`/v1/users/${userId}/unban`);
    expect(r.status).toBe(200);
    expect(r.body.banned).toBe(false);
    const browser = server.browser();
    const { sessionId } = await signIn(browser, email);
    expect((await mintToken(browser, sessionId)).status).toBe(200);
    expect(await activeSessions(userId)).toEqual([sessionId]);
  });
});

describe('lock and unlock', () => {
  it('shows the user locked with no expiry, and refuses sign-in with user_locked before the password', async () => {
    const { email, userId } = await createUser(server);
    const r = await server.backend.post(`/v1/users/${userId}/lock`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: userId, locked: true, lockout_expires_in_seconds: null, banned: false });
    expect((await server.backend.get(`/v1/users/${userId}`)).body.locked).toBe(true);

    expectError(await attempt(email, PASSWORD), 'user_locked', { lockout_expires_in_seconds: null });
    // The password is not even checked: a wrong one gets the same answer.
    expectError(await attempt(email, 'a wrong password'), 'user_locked');
  });

  it('holds until unlocked, however much time passes', async () => {
    const { email, userId } = await createUser(server);
    await server.backend.post(`/v1/users/${userId}/lock`);
    server.clock.advance(30 * 24 * 3600 * 1000);
    expectError(await attempt(email, PASSWORD), 'user_locked');
    expect((await server.backend.get(`/v1/users/${userId}`)).body).toMatchObject({
      locked: true,
      lockout_expires_in_seconds: null,
    });

    const r = await server.backend.post(`/v1/users/${userId}/unlock`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ locked: false, lockout_expires_in_seconds: null });
    const browser = server.browser();
    const { sessionId } = await signIn(browser, email);
    expect((await mintToken(browser, sessionId)).status).toBe(200);
  });

  it('is independent of a ban: unlocking a banned user leaves the ban', async () => {
    const { email, userId } = await createUser(server);
    await server.backend.post(`/v1/users/${userId}/ban`);
    await server.backend.post(`/v1/users/${userId}/lock`);
    expectError(await attempt(email, PASSWORD), 'user_locked');
    const r = await server.backend.post(`/v1/users/${userId}/unlock`);
    expect(r.body).toMatchObject({ banned: true, locked: false });
    expectError(await attempt(email, PASSWORD), 'user_banned');
  });
});

describe('unknown users', () => {
  it.each(['ban', 'unban', 'lock', 'unlock'])('answers 404 user_not_found to %s', async (action) => {
    expectError(await server.backend.post(`/v1/users/user_missing/${action}`), 'user_not_found', {
      user_id: 'user_missing',
    });
  });
});
