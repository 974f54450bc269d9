/**
 * Reverification (step-up): sensitive `/v1/me` actions need a first factor verified within
 * 10 minutes (the strict preset; no user here has a second factor). An older session gets
 * `403 session_reverification_required`, reverifies through `/v1/client/sessions/{id}/verify`
 * with its password or an email code, and the same call then succeeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, jwtPayload } from '../backend-api/expect-error.ts';
import { mintToken, PASSWORD, signUp, uniqueEmail } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import { codeIn, startServer, type TestServer } from '../fixtures/server.ts';

const MINUTE = 60_000;
const STRICT = { reverification: { level: 'second_factor', after_minutes: 10 } };

let server: TestServer;
let lockout: TestServer;
beforeAll(async () => {
  [server, lockout] = await Promise.all([
    startServer({ settings: { attack_protection: { rate_limits: { enabled: false } } } }),
    startServer({
      settings: {
        attack_protection: {
          rate_limits: { enabled: false },
          user_lockout: { enabled: true, max_attempts: 2, permanent: true },
        },
      },
    }),
  ]);
});
afterAll(() => Promise.all([server?.close(), lockout?.close()]));

const verifyPath = (sessionId: string, step?: 'prepare_first_factor' | 'attempt_first_factor') =>
  `/v1/client/sessions/${sessionId}/verify${step ? `/${step}` : ''}`;

const changePassword = (browser: Browser) =>
  browser.post('/v1/me/change_password', { current_password: PASSWORD, new_password: 'a brand new passphrase 42' });

/** A user signed up (fresh session), then `minutes` pass on the server clock. */
async function agedSession(s: TestServer, minutes: number) {
  const browser = s.browser();
  const user = await signUp(s, browser, uniqueEmail('reverify'));
  s.clock.advance(minutes * MINUTE);
  return { browser, ...user };
}

describe('sensitive /v1/me actions', () => {
  it('pass on a session whose first factor is 10 minutes old, and answer session_reverification_required at 11', async () => {
    const fresh = await agedSession(server, 10);
    expect((await changePassword(fresh.browser)).status).toBe(200);

    const old = await agedSession(server, 11);
    expectError(await changePassword(old.browser), 'session_reverification_required', STRICT);
    expectError(
      await old.browser.post('/v1/me/email_addresses', { email_address: uniqueEmail('more') }),
      'session_reverification_required',
      STRICT,
    );
    expectError(
      await old.browser.post('/v1/me/phone_numbers', { phone_number: '+12015550100' }),
      'session_reverification_required',
      STRICT,
    );
    expectError(await old.browser.delete('/v1/me'), 'session_reverification_required', STRICT);
    // Nothing happened: the user still exists with one address.
    const me = await old.browser.get('/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.response.email_addresses).toHaveLength(1);
    // Reading and editing the profile are not sensitive.
    expect((await old.browser.patch('/v1/me', { first_name: 'Ada' })).status).toBe(200);
  });

  it('guard removing an email address too', async () => {
    const { browser, email } = await agedSession(server, 0);
    const me = await browser.get('/v1/me');
    const id = me.body.response.email_addresses[0].id as string;
    server.clock.advance(11 * MINUTE);
    expectError(await browser.delete(`/v1/me/email_addresses/${id}`), 'session_reverification_required', STRICT);
    expect((await browser.get('/v1/me')).body.response.email_addresses[0].email_address).toBe(email);
  });
});

describe('POST /v1/client/sessions/{id}/verify', () => {
  it('reverifies with the password: needs_first_factor, then complete; the next token has fva [0, -1] and the call succeeds', async () => {
    const { browser, sessionId, email } = await agedSession(server, 30);
    expectError(await changePassword(browser), 'session_reverification_required', STRICT);
    expect(jwtPayload((await mintToken(browser, sessionId)).body.jwt).fva).toEqual([30, -1]);

    const started = await browser.post(verifyPath(sessionId), { level: 'second_factor' });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.response).toMatchObject({
      object: 'session_verification',
      status: 'needs_first_factor',
      level: 'second_factor',
      session: { id: sessionId },
      supported_second_factors: [],
      first_factor_verification: null,
    });
    expect(started.body.response.supported_first_factors).toEqual([
      { strategy: 'password' },
      expect.objectContaining({ strategy: 'email_code', safe_identifier: `${email[0]}***@example.com`, primary: true }),
    ]);

    const wrong = await browser.post(verifyPath(sessionId, 'attempt_first_factor'), {
      strategy: 'password',
      password: 'not my password',
    });
    expectError(wrong, 'form_password_incorrect', { param_name: 'password' });
    expectError(await changePassword(browser), 'session_reverification_required');

    const right = await browser.post(verifyPath(sessionId, 'attempt_first_factor'), {
      strategy: 'password',
      password: PASSWORD,
    });
    expect(right.status, JSON.stringify(right.body)).toBe(200);
    expect(right.body.response).toMatchObject({
      status: 'complete',
      first_factor_verification: { status: 'verified', strategy: 'password' },
      session: { factor_verification_age: [0, -1] },
    });
    expect(jwtPayload((await mintToken(browser, sessionId)).body.jwt).fva).toEqual([0, -1]);
    expect((await changePassword(browser)).status).toBe(200);
  });

  it('reverifies with an email code mailed to the primary address', async () => {
    const { browser, sessionId, email } = await agedSession(server, 11);
    await browser.post(verifyPath(sessionId), { level: 'first_factor' });
    const prepared = await browser.post(verifyPath(sessionId, 'prepare_first_factor'), { strategy: 'email_code' });
    expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
    expect(prepared.body.response).toMatchObject({
      status: 'needs_first_factor',
      first_factor_verification: { status: 'unverified', strategy: 'email_code', attempts: 0 },
    });
    const code = codeIn(await server.lastDevEmail(email));
    const attempted = await browser.post(verifyPath(sessionId, 'attempt_first_factor'), {
      strategy: 'email_code',
      code,
    });
    expect(attempted.status, JSON.stringify(attempted.body)).toBe(200);
    expect(attempted.body.response.status).toBe('complete');
    expect((await browser.post('/v1/me/email_addresses', { email_address: uniqueEmail('added') })).status).toBe(200);
    // The code was single use.
    expectError(
      await browser.post(verifyPath(sessionId, 'attempt_first_factor'), { strategy: 'email_code', code }),
      'verification_failed',
    );
  });

  it('refuses a step before verify, an unknown strategy, and another client’s session', async () => {
    const { browser, sessionId } = await agedSession(server, 11);
    expectError(
      await browser.post(verifyPath(sessionId, 'attempt_first_factor'), { strategy: 'password', password: PASSWORD }),
      'session_verification_not_started',
    );
    await browser.post(verifyPath(sessionId), { level: 'first_factor' });
    expectError(
      await browser.post(verifyPath(sessionId, 'attempt_first_factor'), { strategy: 'phone_code', code: '123456' }),
      'strategy_not_allowed',
    );
    expectError(
      await browser.post(verifyPath(sessionId, 'prepare_first_factor'), { strategy: 'password' }),
      'strategy_not_allowed',
    );
    const other = await agedSession(server, 0);
    expectError(await other.browser.post(verifyPath(sessionId), { level: 'first_factor' }), 'session_not_found');
    expectError(await browser.post(verifyPath(sessionId), { level: 'everything' }), 'form_param_format_invalid');
  });

  it('counts failed attempts toward the user lockout', async () => {
    const { browser, sessionId } = await agedSession(lockout, 11);
    await browser.post(verifyPath(sessionId), { level: 'first_factor' });
    const attempt = (password: string) =>
      browser.post(verifyPath(sessionId, 'attempt_first_factor'), { strategy: 'password', password });
    expectError(await attempt('wrong one'), 'form_password_incorrect');
    expectError(await attempt('wrong two'), 'user_locked');
    // Locked: even the right password is refused, and the action stays guarded.
    expectError(await attempt(PASSWORD), 'user_locked');
  });
});
