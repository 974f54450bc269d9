/**
 * Reverification of the second factor: a user who signed in with MFA reverifies through
 * `/verify/prepare_second_factor` and `/verify/attempt_second_factor` with the sign-in's own
 * strategies (TOTP, SMS code, backup code), so the same rules hold: wrong codes count toward
 * the lockout, backup codes and SMS codes are single use, a TOTP code is not accepted twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, jwtPayload } from '../backend-api/expect-error.ts';
import { mintToken, PASSWORD, signUp, uniqueEmail } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import {
  attemptSecondFactor,
  enrolTotp,
  freezeClock,
  STEP_MS,
  signInToSecondFactor,
  totpCode,
} from '../mfa/helpers.ts';
import { addVerifiedPhone, devSms, lastSmsCode, phonePath, uniqueUsNumber } from '../phone/helpers.ts';

const MINUTE = 60_000;

let server: TestServer;
let clock: ReturnType<typeof freezeClock>;
beforeAll(async () => {
  server = await startServer({
    settings: {
      attack_protection: { rate_limits: { enabled: false }, user_lockout: { enabled: true, max_attempts: 100 } },
      sms: { allowed_countries: ['US'], resend_after_seconds: 0 },
    },
  });
  clock = freezeClock(server);
});
afterAll(() => server?.close());

type Step = 'prepare_first_factor' | 'attempt_first_factor' | 'prepare_second_factor' | 'attempt_second_factor';
const verifyPath = (sessionId: string, step?: Step) =>
  `/v1/client/sessions/${sessionId}/verify${step ? `/${step}` : ''}`;

const changePassword = (browser: Browser) =>
  browser.post('/v1/me/change_password', { current_password: PASSWORD, new_password: 'a brand new passphrase 42' });

const attempt = (browser: Browser, sessionId: string, strategy: string, code: string) =>
  browser.post(verifyPath(sessionId, 'attempt_second_factor'), { strategy, code });

/** A user with TOTP (and backup codes) signed in with both factors, then 30 minutes pass. */
async function mfaSession() {
  const setup = server.browser();
  const { email, userId } = await signUp(server, setup, uniqueEmail('reverify-2fa'));
  const enrolled = await enrolTotp(server, setup);
  clock.advance(STEP_MS);
  const { browser, signInId } = await signInToSecondFactor(server, email);
  const done = await attemptSecondFactor(browser, signInId, 'totp', totpCode(enrolled.secret, clock.now()));
  expect(done.body.response.status, JSON.stringify(done.body)).toBe('complete');
  clock.advance(30 * MINUTE);
  return { browser, userId, sessionId: done.body.response.created_session_id as string, ...enrolled };
}

describe('reverifying the second factor', () => {
  it('multi_factor: the first factor, then needs_second_factor, then TOTP; fva [0, 0] and the call succeeds', async () => {
    const { browser, sessionId, secret } = await mfaSession();
    expectError(await changePassword(browser), 'session_reverification_required');

    const started = await browser.post(verifyPath(sessionId), { level: 'multi_factor' });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.response).toMatchObject({ status: 'needs_first_factor', level: 'multi_factor' });
    expect(started.body.response.supported_second_factors).toEqual([{ strategy: 'totp' }, { strategy: 'backup_code' }]);

    const first = await browser.post(verifyPath(sessionId, 'attempt_first_factor'), {
      strategy: 'password',
      password: PASSWORD,
    });
    expect(first.body.response).toMatchObject({ status: 'needs_second_factor', second_factor_verification: null });

    const second = await attempt(browser, sessionId, 'totp', totpCode(secret, clock.now()));
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.response).toMatchObject({
      status: 'complete',
      second_factor_verification: { status: 'verified', strategy: 'totp' },
      session: { factor_verification_age: [0, 0] },
    });
    expect(jwtPayload((await mintToken(browser, sessionId)).body.jwt).fva).toEqual([0, 0]);
    expect((await changePassword(browser)).status).toBe(200);
  });

  it('second_factor: a session with a second factor needs only it; a TOTP code is refused the second time', async () => {
    const { browser, sessionId, secret } = await mfaSession();
    const started = await browser.post(verifyPath(sessionId), { level: 'second_factor' });
    expect(started.body.response.status).toBe('needs_second_factor');

    const code = totpCode(secret, clock.now());
    expect((await attempt(browser, sessionId, 'totp', code)).body.response.status).toBe('complete');
    expect((await changePassword(browser)).status).toBe(200);

    // The same code again (same 30-second step), on this session or any other flow: refused.
    expectError(await attempt(browser, sessionId, 'totp', code), 'form_code_incorrect');
  });

  it('a backup code works once', async () => {
    const { browser, sessionId, backupCodes } = await mfaSession();
    await browser.post(verifyPath(sessionId), { level: 'second_factor' });
    const used = backupCodes[0]!;
    expect((await attempt(browser, sessionId, 'backup_code', used)).body.response.status).toBe('complete');

    clock.advance(11 * MINUTE);
    await browser.post(verifyPath(sessionId), { level: 'second_factor' });
    expectError(await attempt(browser, sessionId, 'backup_code', used), 'form_code_incorrect', { param_name: 'code' });
    expectError(await changePassword(browser), 'session_reverification_required');
    expect((await attempt(browser, sessionId, 'backup_code', backupCodes[1]!)).body.response.status).toBe('complete');
    expect((await changePassword(browser)).status).toBe(200);
  });

  it('a wrong code is refused and counts toward the lockout', async () => {
    const { browser, sessionId, userId, secret } = await mfaSession();
    await browser.post(verifyPath(sessionId), { level: 'second_factor' });
    expectError(await attempt(browser, sessionId, 'totp', totpCode(secret, clock.now(), 5)), 'form_code_incorrect');
    expectError(await attempt(browser, sessionId, 'backup_code', 'aaaaaaaaaa'), 'form_code_incorrect');
    const user = (await server.backend.get(`/v1/users/${userId}`)).body;
    expect(user.verification_attempts_remaining).toBe(98);
    expectError(await changePassword(browser), 'session_reverification_required');
  });

  it('refuses prepare and attempt before verify, and a factor the user does not have', async () => {
    const { browser, sessionId, secret } = await mfaSession();
    expectError(
      await browser.post(verifyPath(sessionId, 'prepare_second_factor'), { strategy: 'phone_code' }),
      'session_verification_not_started',
    );
    expectError(
      await attempt(browser, sessionId, 'totp', totpCode(secret, clock.now())),
      'session_verification_not_started',
    );
    await browser.post(verifyPath(sessionId), { level: 'second_factor' });
    expectError(
      await browser.post(verifyPath(sessionId, 'prepare_second_factor'), { strategy: 'phone_code' }),
      'strategy_for_user_invalid',
    );
    // TOTP has nothing to send.
    expectError(
      await browser.post(verifyPath(sessionId, 'prepare_second_factor'), { strategy: 'totp' }),
      'strategy_for_user_invalid',
    );
    expectError(await attempt(browser, sessionId, 'password', PASSWORD), 'strategy_not_allowed');
  });
});

describe('reverifying with an SMS code', () => {
  /** A user whose only second factor is a number; signed in with a texted code, then 30 minutes pass. */
  async function smsSession() {
    const setup = server.browser();
    const number = uniqueUsNumber();
    const { email } = await signUp(server, setup, uniqueEmail('reverify-sms'));
    const phoneId = await addVerifiedPhone(server, setup, number);
    const reserved = await setup.patch(phonePath(phoneId), {
      reserved_for_second_factor: true,
      default_second_factor: true,
    });
    expect(reserved.status, JSON.stringify(reserved.body)).toBe(200);
    const { browser, signInId } = await signInToSecondFactor(server, email);
    await browser.post(`/v1/client/sign_ins/${signInId}/prepare_second_factor`, { strategy: 'phone_code' });
    const done = await attemptSecondFactor(browser, signInId, 'phone_code', await lastSmsCode(server, number));
    expect(done.body.response.status, JSON.stringify(done.body)).toBe('complete');
    clock.advance(30 * MINUTE);
    return { browser, number, phoneId, sessionId: done.body.response.created_session_id as string };
  }

  it('texts a code on prepare; the code reverifies once', async () => {
    const { browser, number, phoneId, sessionId } = await smsSession();
    const started = await browser.post(verifyPath(sessionId), { level: 'second_factor' });
    expect(started.body.response.status).toBe('needs_second_factor');
    expect(started.body.response.supported_second_factors).toEqual([
      { strategy: 'phone_code', phone_number_id: phoneId, safe_identifier: expect.any(String), default: true },
    ]);
    expectError(await attempt(browser, sessionId, 'phone_code', '123456'), 'verification_not_prepared');

    const sent = (await devSms(server, number)).length;
    const prepared = await browser.post(verifyPath(sessionId, 'prepare_second_factor'), {
      strategy: 'phone_code',
      phone_number_id: phoneId,
    });
    expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
    expect(prepared.body.response).toMatchObject({
      status: 'needs_second_factor',
      second_factor_verification: { strategy: 'phone_code', status: 'unverified', attempts: 0 },
    });
    expect(await devSms(server, number)).toHaveLength(sent + 1);
    const code = await lastSmsCode(server, number);

    const done = await attempt(browser, sessionId, 'phone_code', code);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.response).toMatchObject({
      status: 'complete',
      second_factor_verification: { strategy: 'phone_code', status: 'verified' },
    });
    expect((await changePassword(browser)).status).toBe(200);
    // Single use: the code is gone.
    expectError(await attempt(browser, sessionId, 'phone_code', code), 'verification_not_prepared');
  });
});
