/**
 * One-time email codes, attacked: a guesser firing many requests at once still gets exactly
 * three tries per code; several requests carrying the right code at once consume it once and
 * create one user; a code dies after ten minutes; asking for a new code voids the old one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, uniqueEmail } from '../fixtures/flows.ts';
import type { Browser, HttpResult } from '../fixtures/http-client.ts';
import { codeIn, startServer, type TestServer } from '../fixtures/server.ts';

const CONCURRENCY = 16;
const TEN_MINUTES_MS = 10 * 60 * 1000;

let server: TestServer;
beforeAll(async () => {
  // The attempts bucket (60 per minute by default) would otherwise refuse these bursts.
  server = await startServer({ settings: { attack_protection: { rate_limits: { enabled: false } } } });
});
afterAll(() => server.close());

/** A sign-up waiting for its email code, and the code that was mailed. */
async function preparedSignUp(browser: Browser, email = uniqueEmail('otc')) {
  const created = await browser.post('/v1/client/sign_ups', { email_address: email, password: PASSWORD });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const id = created.body.response.id as string;
  const prepared = await browser.post(`/v1/client/sign_ups/${id}/prepare_verification`, { strategy: 'email_code' });
  expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
  return { id, email, code: codeIn(await server.lastDevEmail(email)) };
}

const attempt = (browser: Browser, id: string, code: string) =>
  browser.post(`/v1/client/sign_ups/${id}/attempt_verification`, { strategy: 'email_code', code });

const wrongCodeFor = (code: string) => (code === '000000' ? '000001' : '000000');

const codesOf = (results: HttpResult[]) => results.map((r) => r.body?.errors?.[0]?.code ?? r.body?.response?.status);

describe('one-time codes under concurrent guessing', () => {
  it('allow exactly 3 incorrect answers out of 16 concurrent wrong guesses, then refuse the rest', async () => {
    const browser = server.browser();
    const { id, code } = await preparedSignUp(browser);
    const wrong = wrongCodeFor(code);

    const results = await Promise.all(Array.from({ length: CONCURRENCY }, () => attempt(browser, id, wrong)));

    const incorrect = results.filter((r) => r.body.errors?.[0]?.code === 'form_code_incorrect');
    const failed = results.filter((r) => r.body.errors?.[0]?.code === 'verification_failed');
    expect(incorrect, JSON.stringify(codesOf(results))).toHaveLength(3);
    expect(failed).toHaveLength(CONCURRENCY - 3);
    for (const r of results) expect(r.status).toBe(422);
    expect(incorrect.map((r) => r.body.errors[0].meta.attempts_remaining).sort()).toEqual([0, 1, 2]);
    expect(failed[0]!.body.errors[0]).toMatchObject({
      message: 'Too many failed attempts. Request a new code.',
      meta: { param_name: 'code' },
    });
  });

  it('refuse even the right code once the three attempts are spent', async () => {
    const browser = server.browser();
    const { id, code } = await preparedSignUp(browser);
    await Promise.all(Array.from({ length: CONCURRENCY }, () => attempt(browser, id, wrongCodeFor(code))));

    const right = await attempt(browser, id, code);
    expect(right.status).toBe(422);
    expect(right.body.errors[0].code).toBe('verification_failed');
    const signUp = await browser.get(`/v1/client/sign_ups/${id}`);
    expect(signUp.body.response.status).toBe('missing_requirements');
    expect(signUp.body.response.created_user_id).toBeNull();
  });

  it('consume the right code once: of 16 concurrent correct attempts exactly one completes and one user exists', async () => {
    const browser = server.browser();
    const { id, email, code } = await preparedSignUp(browser);

    const results = await Promise.all(Array.from({ length: CONCURRENCY }, () => attempt(browser, id, code)));

    const completed = results.filter((r) => r.status === 200);
    expect(completed, JSON.stringify(codesOf(results))).toHaveLength(1);
    expect(completed[0]!.body.response.status).toBe('complete');
    // A loser sees the code spent (verification_failed), the sign-up complete, or, arriving
    // after the winner rotated the client token, no sign-up at all for its now stale token.
    const losing = [
      'verification_failed',
      'sign_up_invalid_status',
      'verification_already_verified',
      'sign_up_not_found',
    ];
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(losing).toContain(r.body.errors[0].code);
    }

    const users = await server.backend.get(`/v1/users?email_address=${encodeURIComponent(email)}`);
    expect(users.status).toBe(200);
    expect(users.body).toHaveLength(1);
    expect(users.body[0].id).toBe(completed[0]!.body.response.created_user_id);
    const sessions = await server.backend.get(`/v1/sessions?user_id=${users.body[0].id}`);
    expect(sessions.body).toHaveLength(1);
  });

  it('keep one user when two clients race their own sign-ups for the same address', async () => {
    const email = uniqueEmail('race');
    const [a, b] = [server.browser(), server.browser()];
    const first = await preparedSignUp(a, email);
    // The second sign-up's mail is newer: take its code before either is attempted.
    server.clock.advance(1000);
    const second = await preparedSignUp(b, email);
    expect(second.id).not.toBe(first.id);

    const [ra, rb] = await Promise.all([attempt(a, first.id, first.code), attempt(b, second.id, second.code)]);
    const statuses = [ra.status, rb.status].sort();
    expect(statuses, JSON.stringify([ra.body, rb.body])).toEqual([200, 422]);
    const loser = ra.status === 422 ? ra : rb;
    expect(loser.body.errors[0].code).toBe('form_identifier_exists');
    const count = await server.backend.get(`/v1/users/count?email_address=${encodeURIComponent(email)}`);
    expect(count.body.total_count).toBe(1);
  });
});

describe('one-time code lifetime', () => {
  it('expire 10 minutes after they are sent: verification_expired', async () => {
    const browser = server.browser();
    const { id, code } = await preparedSignUp(browser);

    server.clock.advance(TEN_MINUTES_MS - 10_000);
    const stillValid = await attempt(browser, id, wrongCodeFor(code));
    expect(stillValid.body.errors[0].code).toBe('form_code_incorrect');

    server.clock.advance(11_000);
    const expired = await attempt(browser, id, code);
    expect(expired.status).toBe(422);
    expect(expired.body.errors[0]).toMatchObject({
      code: 'verification_expired',
      message: 'This verification has expired. Request a new code.',
      meta: { param_name: 'code' },
    });
    const signUp = await browser.get(`/v1/client/sign_ups/${id}`);
    expect(signUp.body.response.status).toBe('missing_requirements');
  });

  it('are voided by a new prepare: the old code is incorrect, the new one completes', async () => {
    const browser = server.browser();
    const { id, email, code: oldCode } = await preparedSignUp(browser);
    let newCode = oldCode;
    while (newCode === oldCode) {
      // Past the resend interval (`code_resend_after_seconds`, 30 s by default).
      server.clock.advance(30_000);
      const again = await browser.post(`/v1/client/sign_ups/${id}/prepare_verification`, { strategy: 'email_code' });
      expect(again.status).toBe(200);
      newCode = codeIn(await server.lastDevEmail(email));
    }

    const old = await attempt(browser, id, oldCode);
    expect(old.status).toBe(422);
    expect(old.body.errors[0]).toMatchObject({ code: 'form_code_incorrect', meta: { attempts_remaining: 2 } });
    const fresh = await attempt(browser, id, newCode);
    expect(fresh.status).toBe(200);
    expect(fresh.body.response.status).toBe('complete');
  });

  it('start a fresh budget of three attempts with a new prepare after exhaustion', async () => {
    const browser = server.browser();
    const { id, email, code } = await preparedSignUp(browser);
    for (let i = 0; i < 4; i++) await attempt(browser, id, wrongCodeFor(code));
    expect((await attempt(browser, id, code)).body.errors[0].code).toBe('verification_failed');

    server.clock.advance(30_000);
    await browser.post(`/v1/client/sign_ups/${id}/prepare_verification`, { strategy: 'email_code' });
    const fresh = codeIn(await server.lastDevEmail(email));
    const done = await attempt(browser, id, fresh);
    expect(done.body.response.status).toBe('complete');
  });
});
