/**
 * `phone_code` as a second factor: a verified number reserved for second factor is offered at
 * `needs_second_factor` (with its id and masked number); prepare texts a code (read here from
 * the dev SMS outbox), attempt completes the sign-in. Fictional test numbers take 424242.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signUp, uniqueEmail } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import {
  addVerifiedPhone,
  attemptPhone,
  lastSmsCode,
  phonePath,
  preparePhone,
  testNumber,
  uniqueUsNumber,
} from '../phone/helpers.ts';
import { attemptSecondFactor, signInToSecondFactor } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    settings: {
      attack_protection: { rate_limits: { enabled: false }, user_lockout: { enabled: true, max_attempts: 100 } },
      // The sign-in's code follows the profile's verification code at once.
      sms: { allowed_countries: ['US'], resend_after_seconds: 0 },
    },
  });
});
afterAll(() => server.close());

async function userWithSmsSecondFactor(number: string) {
  const browser: Browser = server.browser();
  const { email, userId } = await signUp(server, browser, uniqueEmail('sms2fa'));
  const phoneId = await verifiedPhone(browser, number);
  const r = await browser.patch(phonePath(phoneId), { reserved_for_second_factor: true, default_second_factor: true });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect((await browser.get('/v1/me')).body.response.two_factor_enabled).toBe(true);
  return { email, phoneId, userId };
}

/** A verified number: a fictional one takes the fixed code (no text is sent), others the texted one. */
async function verifiedPhone(browser: Browser, number: string): Promise<string> {
  if (!number.includes('55501')) return addVerifiedPhone(server, browser, number);
  const id = (await browser.post('/v1/me/phone_numbers', { phone_number: number })).body.response.id as string;
  expect((await preparePhone(browser, id)).status).toBe(200);
  expect((await attemptPhone(browser, id, '424242')).status).toBe(200);
  return id;
}

it('completes a sign-in with an SMS code from the dev outbox', async () => {
  const number = uniqueUsNumber();
  const { email, phoneId } = await userWithSmsSecondFactor(number);
  const { browser, signInId, signIn } = await signInToSecondFactor(server, email);
  expect(signIn.supported_second_factors).toEqual([
    { strategy: 'phone_code', phone_number_id: phoneId, safe_identifier: expect.any(String), default: true },
  ]);
  expect(signIn.supported_second_factors[0].safe_identifier).not.toContain(number.slice(2, 8));

  const notYet = await attemptSecondFactor(browser, signInId, 'phone_code', '123456');
  expect(notYet.status).toBe(422);
  expect(notYet.body.errors[0].code).toBe('verification_not_prepared');

  const prepared = await browser.post(`/v1/client/sign_ins/${signInId}/prepare_second_factor`, {
    strategy: 'phone_code',
    phone_number_id: phoneId,
  });
  expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
  expect(prepared.body.response.second_factor_verification).toMatchObject({ status: 'unverified' });
  const r = await attemptSecondFactor(browser, signInId, 'phone_code', await lastSmsCode(server, number));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.response.status).toBe('complete');
});

it('a wrong SMS code is refused and counts toward the lockout', async () => {
  const number = uniqueUsNumber();
  const { email, userId } = await userWithSmsSecondFactor(number);
  const { browser, signInId } = await signInToSecondFactor(server, email);
  await browser.post(`/v1/client/sign_ins/${signInId}/prepare_second_factor`, { strategy: 'phone_code' });
  const code = await lastSmsCode(server, number);
  const wrong = await attemptSecondFactor(browser, signInId, 'phone_code', code === '000000' ? '000001' : '000000');
  expect(wrong.status).toBe(422);
  expect(wrong.body.errors[0].code).toBe('form_code_incorrect');
  const user = (await server.backend.get(`/v1/users/${userId}`)).body;
  expect(user.verification_attempts_remaining).toBe(99);
  const ok = await attemptSecondFactor(browser, signInId, 'phone_code', code);
  expect(ok.body.response.status).toBe('complete');
});

it('a fictional test number takes the fixed code 424242 on a development instance', async () => {
  const number = testNumber(Number(process.pid % 100));
  const { email } = await userWithSmsSecondFactor(number);
  const { browser, signInId } = await signInToSecondFactor(server, email);
  const prepared = await browser.post(`/v1/client/sign_ins/${signInId}/prepare_second_factor`, {
    strategy: 'phone_code',
  });
  expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
  const r = await attemptSecondFactor(browser, signInId, 'phone_code', '424242');
  expect(r.body.response.status).toBe('complete');
});
