/**
 * Per-IP rate limits on the Frontend API: sign-in and sign-up steps draw from a small
 * per-minute budget, every request from a larger per-10-seconds one; the refusal is 429
 * `too_many_requests` with `Retry-After`. With Redis, every node of a deployment draws from the
 * same budget, so spreading guesses over nodes gains nothing.
 *
 * Limiter keys include the instance id, new for every test server, so runs do not share
 * budgets (in memory or in Redis).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, PASSWORD, uniqueEmail } from '../fixtures/flows.ts';
import type { Browser, HttpResult } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';

const ATTEMPTS = 3;
const REQUESTS = 5;

let attempts: TestServer;
let requests: TestServer;
let node1: TestServer;
let node2: TestServer;
beforeAll(async () => {
  [attempts, requests, node1] = await Promise.all([
    startServer({ settings: { attack_protection: { rate_limits: { attempts_per_ip_per_minute: ATTEMPTS } } } }),
    startServer({ settings: { attack_protection: { rate_limits: { requests_per_ip_per_10s: REQUESTS } } } }),
    startServer({
      redis: true,
      settings: { attack_protection: { rate_limits: { attempts_per_ip_per_minute: ATTEMPTS } } },
    }),
  ]);
  node2 = await startServer({ redis: true, shareWith: node1 });
});
afterAll(async () => {
  await node2?.close();
  await Promise.all([attempts?.close(), requests?.close(), node1?.close()]);
});

const tryPassword = (browser: Browser, identifier: string) =>
  browser.post('/v1/client/sign_ins', { identifier, password: 'not the password' });

function expectLimited(r: HttpResult, windowSeconds: number) {
  expect(r.status, JSON.stringify(r.body)).toBe(429);
  expect(r.body.errors[0]).toMatchObject({
    code: 'too_many_requests',
    message: 'Too many requests. Please try again in a bit.',
  });
  const retryAfter = Number(r.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(r.body.errors[0].meta.retry_after_seconds).toBe(retryAfter);
}

describe('sign-in and sign-up attempts per IP', () => {
  it('refuse the 4th attempt in a minute (sign-in or sign-up) with 429 and Retry-After, but not reads', async () => {
    const { email } = await createUser(attempts);
    // A fresh browser per try: a new cookie jar does not reset a per-IP budget.
    for (let i = 0; i < ATTEMPTS; i++) {
      const r = await tryPassword(attempts.browser(), email);
      expect(r.status, `attempt ${i + 1}`).toBe(422);
      expect(r.body.errors[0].code).toBe('form_password_incorrect');
    }
    const fourth = await tryPassword(attempts.browser(), email);
    expectLimited(fourth, 60);

    // The right password is refused too: the limit is checked before the password.
    const right = await attempts.browser().post('/v1/client/sign_ins', { identifier: email, password: PASSWORD });
    expectLimited(right, 60);

    // Sign-up steps draw from the same budget; other Frontend API requests do not.
    const signUp = await attempts.browser().post('/v1/client/sign_ups', { email_address: uniqueEmail() });
    expectLimited(signUp, 60);
    const env = await attempts.browser().get('/v1/environment');
    expect(env.status).toBe(200);
    const backend = await attempts.backend.get('/v1/users');
    expect(backend.status).toBe(200);
  });
});

describe('Frontend API requests per IP', () => {
  it('limit every request, reads included, after requests_per_ip_per_10s', async () => {
    const browser = requests.browser();
    for (let i = 0; i < REQUESTS; i++)
      expect((await browser.get('/v1/environment')).status, `request ${i + 1}`).toBe(200);
    expectLimited(await browser.get('/v1/environment'), 10);
    expectLimited(await requests.browser().get('/v1/client'), 10);
    expectLimited(await requests.browser().post('/v1/client/sign_ins', { identifier: uniqueEmail() }), 10);
  });

  it('do not apply to the Backend API, which authenticates by secret key', async () => {
    const r = await requests.backend.get('/v1/users');
    expect(r.status).toBe(200);
  });
});

describe('rate limits across nodes (Redis)', () => {
  it('draw attempts on two nodes from one budget: the 4th attempt overall is refused on the other node', async () => {
    const { email } = await createUser(node1);
    expect((await tryPassword(node1.browser(), email)).status).toBe(422);
    expect((await tryPassword(node2.browser(), email)).status).toBe(422);
    expect((await tryPassword(node1.browser(), email)).status).toBe(422);

    expectLimited(await tryPassword(node2.browser(), email), 60);
    expectLimited(await tryPassword(node1.browser(), email), 60);
  });
});
