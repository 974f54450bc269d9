/**
 * Session lifetime and inactivity: a session ends at its maximum lifetime however busy it is,
 * and is abandoned after the inactivity timeout when no token is minted; the refusal is
 * `session_expired` and the Backend API then reports the final status. A token never outlives
 * its session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken, signUp } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';

const MAX_LIFETIME_S = 300;
const IDLE_S = 60;

let lifetime: TestServer;
let idle: TestServer;
beforeAll(async () => {
  [lifetime, idle] = await Promise.all([
    startServer({ settings: { sessions: { max_lifetime_seconds: MAX_LIFETIME_S } } }),
    startServer({
      settings: {
        sessions: { max_lifetime_seconds: 3600, inactivity_timeout: { enabled: true, seconds: IDLE_S } },
      },
    }),
  ]);
});
afterAll(() => Promise.all([lifetime.close(), idle.close()]));

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());

async function expectExpired(server: TestServer, browser: Browser, sessionId: string, status: string) {
  const refused = await mintToken(browser, sessionId);
  expect(refused.status, JSON.stringify(refused.body)).toBe(401);
  expect(refused.body.errors[0]).toMatchObject({
    code: 'session_expired',
    message: 'This session has expired. Sign in again.',
    meta: { session_id: sessionId, status },
  });
  const seen = await server.backend.get(`/v1/sessions/${sessionId}`);
  expect(seen.status).toBe(200);
  expect(seen.body.status).toBe(status);
  // Once ended it stays ended: a second try is refused the same way, not revived.
  expect((await mintToken(browser, sessionId)).status).toBe(401);
  expect((await browser.get('/v1/me')).status).toBe(401);
}

describe('maximum session lifetime', () => {
  it('ends the session at max_lifetime_seconds: token mint answers session_expired, status expired', async () => {
    const browser = lifetime.browser();
    const { sessionId } = await signUp(lifetime, browser);
    const before = await lifetime.backend.get(`/v1/sessions/${sessionId}`);
    expect(before.body.expire_at - before.body.created_at).toBe(MAX_LIFETIME_S * 1000);

    lifetime.clock.advance((MAX_LIFETIME_S - 30) * 1000);
    expect((await mintToken(browser, sessionId)).status).toBe(200);
    lifetime.clock.advance(31_000);
    await expectExpired(lifetime, browser, sessionId, 'expired');
  });

  it('ends a busy session too: minting tokens does not extend the maximum lifetime', async () => {
    const browser = lifetime.browser();
    const { sessionId } = await signUp(lifetime, browser);
    for (let elapsed = 0; elapsed < MAX_LIFETIME_S - 30; elapsed += 30) {
      lifetime.clock.advance(30_000);
      const r = await mintToken(browser, sessionId);
      expect(r.status, `at ${elapsed + 30}s`).toBe(200);
    }
    lifetime.clock.advance(31_000);
    await expectExpired(lifetime, browser, sessionId, 'expired');
  });

  it('never issues a token that outlives its session: exp is capped at expire_at', async () => {
    const browser = lifetime.browser();
    const { sessionId } = await signUp(lifetime, browser);
    const { expire_at: expireAt } = (await lifetime.backend.get(`/v1/sessions/${sessionId}`)).body;

    const early = claims((await mintToken(browser, sessionId)).body.jwt);
    expect(early.exp - early.iat).toBe(60);
    expect(early.exp).toBeLessThanOrEqual(Math.floor(expireAt / 1000));

    // 30 seconds left: a 60-second token would outlive the session.
    lifetime.clock.advance((MAX_LIFETIME_S - 30) * 1000);
    const late = claims((await mintToken(browser, sessionId)).body.jwt);
    expect(late.exp).toBe(Math.floor(expireAt / 1000));
    expect(late.exp - late.iat).toBeLessThan(60);
    expect(late.exp - late.iat).toBeGreaterThan(0);

    const backendToken = await lifetime.backend.post(`/v1/sessions/${sessionId}/tokens`);
    expect(claims(backendToken.body.jwt).exp).toBeLessThanOrEqual(Math.floor(expireAt / 1000));
  });
});

describe('inactivity timeout', () => {
  it('keeps a session alive while tokens are minted, well past the timeout in total', async () => {
    const browser = idle.browser();
    const { sessionId } = await signUp(idle, browser);
    // 45-second steps: the clock is real time plus an offset, so leave room for slow machines.
    for (let i = 0; i < 5; i++) {
      idle.clock.advance(45_000);
      const r = await mintToken(browser, sessionId);
      expect(r.status, `after ${(i + 1) * 45}s`).toBe(200);
    }
    const seen = await idle.backend.get(`/v1/sessions/${sessionId}`);
    expect(seen.body.status).toBe('active');
    expect(seen.body.abandon_at).toBe(seen.body.last_active_at + IDLE_S * 1000);
  });

  it('abandons a session after 61 seconds without a token: session_expired, status abandoned', async () => {
    const browser = idle.browser();
    const { sessionId } = await signUp(idle, browser);
    idle.clock.advance(30_000);
    expect((await mintToken(browser, sessionId)).status).toBe(200);
    idle.clock.advance((IDLE_S + 1) * 1000);
    await expectExpired(idle, browser, sessionId, 'abandoned');
  });

  it('does not count reads of the client as activity', async () => {
    const browser = idle.browser();
    const { sessionId } = await signUp(idle, browser);
    for (let i = 0; i < 3; i++) {
      idle.clock.advance(25_000);
      expect((await browser.get('/v1/client')).status).toBe(200);
    }
    await expectExpired(idle, browser, sessionId, 'abandoned');
  });

  it('reports an abandoned session to the Backend API even if nobody used it since', async () => {
    const browser = idle.browser();
    const { sessionId } = await signUp(idle, browser);
    idle.clock.advance((IDLE_S + 1) * 1000);
    const seen = await idle.backend.get(`/v1/sessions/${sessionId}`);
    expect(seen.body.status).toBe('abandoned');
    const refused = await mintToken(browser, sessionId);
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].code).toBe('session_expired');
  });
});
