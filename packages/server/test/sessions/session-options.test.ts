/**
 * The session options of an instance, each enforced over HTTP: token lifetime (`exp`),
 * single- or multi-session mode, and maximum lifetime and inactivity timeout as an operator
 * changes them (their expiry itself is covered in lifetime.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, mintToken, PASSWORD, signIn, signUp } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';

let single: TestServer;
let multi: TestServer;
beforeAll(async () => {
  [single, multi] = await Promise.all([
    startServer({ settings: { sessions: { token_lifetime_seconds: 90 } } }),
    startServer({ settings: { sessions: { multi_session: { enabled: true } } } }),
  ]);
});
afterAll(() => Promise.all([single.close(), multi.close()]));

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());

describe('token lifetime', () => {
  it('issues tokens that live token_lifetime_seconds', async () => {
    const browser = single.browser();
    const { sessionId } = await signUp(single, browser);
    const r = await mintToken(browser, sessionId);
    const c = claims(r.body.jwt);
    expect(c.exp - c.iat).toBe(90);
  });
});

describe('single- and multi-session mode', () => {
  it('single: a client holds one session; a second sign-in is session_exists; the environment says so', async () => {
    const browser = single.browser();
    const { email } = await signUp(single, browser);
    const other = await createUser(single);
    for (const identifier of [email, other.email]) {
      const r = await browser.post('/v1/client/sign_ins', { identifier, password: PASSWORD });
      expect(r.status).toBe(400);
      expect(r.body.errors[0].code).toBe('session_exists');
    }
    expect((await browser.get('/v1/environment')).body.auth_config.single_session_mode).toBe(true);
  });

  it('multi: one client holds sessions of two users, both usable, the last one active', async () => {
    const browser = multi.browser();
    const first = await signUp(multi, browser);
    const other = await createUser(multi);
    const second = await signIn(browser, other.email);
    expect((await mintToken(browser, first.sessionId)).status).toBe(200);
    expect((await mintToken(browser, second.sessionId)).status).toBe(200);
    const client = await browser.get('/v1/client');
    expect(client.body.response.sessions.map((s: { id: string }) => s.id).sort()).toEqual(
      [first.sessionId, second.sessionId].sort(),
    );
    expect(client.body.response.last_active_session_id).toBe(second.sessionId);
    expect((await browser.get('/v1/environment')).body.auth_config.single_session_mode).toBe(false);
  });
});

describe('lifetimes changed by an operator', () => {
  it('applies a new maximum lifetime to sessions created after the change', async () => {
    const patched = await multi.backend.patch('/v1/instance/settings', {
      sessions: { max_lifetime_seconds: 600, inactivity_timeout: { enabled: true, seconds: 120 } },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const browser = multi.browser();
    const { sessionId } = await signUp(multi, browser);
    const s = (await multi.backend.get(`/v1/sessions/${sessionId}`)).body;
    expect(s.expire_at - s.created_at).toBe(600_000);
    expect(s.abandon_at - s.last_active_at).toBe(120_000);
    multi.clock.advance(121_000);
    try {
      const r = await mintToken(browser, sessionId);
      expect(r.status).toBe(401);
      expect(r.body.errors[0].code).toBe('session_expired');
    } finally {
      multi.clock.advance(-121_000);
    }
  });
});
