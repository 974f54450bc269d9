/**
 * Signing in with a phone number and a texted code (`phone_code` first factor), where
 * `auth.phone_number.sign_in_with_code` is on:
 * - identifier (any international format) → prepare (SMS, read from the dev outbox) →
 *   attempt → complete, and the session mints a token;
 * - the code's rules: 3 tries, single use under 16 concurrent attempts, wrong codes counted
 *   toward the lockout;
 * - not offered where the instance disables it, nor for numbers reserved for second factor;
 * - unknown numbers: reported in the default mode; in strict mode the step looks the same,
 *   nothing is sent and no code works;
 * - the fictional test numbers accept 424242 on a development instance, with nothing sent.
 * @see issue 7 (first factors: phone_code)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, mintToken } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { devSms, lastSmsCode, testNumber, uniqueUsNumber, wrongCodeFor } from './helpers.ts';

const PHONE_SIGN_IN = {
  auth: { phone_number: { sign_in_with_code: true } },
  sms: { allowed_countries: ['US'], resend_after_seconds: 0, sends_per_ip_per_hour: 1000 },
};
const NO_LIMITS = { rate_limits: { enabled: false } };

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ settings: { ...PHONE_SIGN_IN, attack_protection: NO_LIMITS } });
});
afterAll(() => server.close());

/** A user with a password, an email address and `number` verified (through the Backend API). */
async function userWithPhone(s: TestServer, number: string, flags: { reserved_for_second_factor?: boolean } = {}) {
  const user = await createUser(s);
  const r = await s.backend.post('/v1/phone_numbers', {
    user_id: user.userId,
    phone_number: number,
    verified: true,
    ...flags,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return { ...user, phoneNumberId: r.body.id as string };
}

const signInPath = (id: string, step: 'prepare_first_factor' | 'attempt_first_factor') =>
  `/v1/client/sign_ins/${id}/${step}`;

async function startPhoneSignIn(browser: Browser, identifier: string) {
  const created = await browser.post('/v1/client/sign_ins', { identifier });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const id = created.body.response.id as string;
  const prepared = await browser.post(signInPath(id, 'prepare_first_factor'), { strategy: 'phone_code' });
  expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
  return { id, created: created.body.response, prepared: prepared.body.response };
}

const attempt = (browser: Browser, id: string, code: string) =>
  browser.post(signInPath(id, 'attempt_first_factor'), { strategy: 'phone_code', code });

describe('phone_code first factor', () => {
  it('signs in end to end: identifier, texted code, attempt, session token', async () => {
    const number = uniqueUsNumber();
    const { userId, phoneNumberId } = await userWithPhone(server, number);
    const browser = server.browser();
    // Typed the way people write numbers: compared in E.164.
    const typed = `${number.slice(0, 2)} (${number.slice(2, 5)}) ${number.slice(5, 8)}-${number.slice(8)}`;
    const { id, created, prepared } = await startPhoneSignIn(browser, typed);

    expect(created.status).toBe('needs_first_factor');
    expect(created.identifier).toBe(number);
    expect(created.supported_identifiers).toContain('phone_number');
    expect(created.supported_first_factors).toContainEqual({
      strategy: 'phone_code',
      safe_identifier: `${number.slice(0, 5)}***${number.slice(-4)}`,
      phone_number_id: phoneNumberId,
      primary: true,
    });
    expect(created.user_data).toBeNull();
    expect(prepared.first_factor_verification).toMatchObject({ strategy: 'phone_code', status: 'unverified' });

    const done = await attempt(browser, id, await lastSmsCode(server, number));
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.response.status).toBe('complete');
    const sessionId = done.body.response.created_session_id as string;
    const token = await mintToken(browser, sessionId);
    expect(token.status, JSON.stringify(token.body)).toBe(200);
    const payload = JSON.parse(Buffer.from(String(token.body.jwt).split('.')[1]!, 'base64url').toString());
    expect(payload).toMatchObject({ sub: userId, sid: sessionId });
  });

  it('refuses the right code after three wrong ones, and counts them toward the lockout', async () => {
    const number = uniqueUsNumber();
    const { userId } = await userWithPhone(server, number);
    const browser = server.browser();
    const { id } = await startPhoneSignIn(browser, number);
    const code = await lastSmsCode(server, number);

    for (const left of [2, 1, 0]) {
      const wrong = await attempt(browser, id, wrongCodeFor(code));
      expect(wrong.status).toBe(422);
      expect(wrong.body.errors[0]).toMatchObject({ code: 'form_code_incorrect', meta: { attempts_remaining: left } });
    }
    const late = await attempt(browser, id, code);
    expect(late.status).toBe(422);
    expect(late.body.errors[0].code).toBe('verification_failed');

    const user = await server.backend.get(`/v1/users/${userId}`);
    const fresh = await server.backend.get(`/v1/users/${(await createUser(server)).userId}`);
    expect(user.body.verification_attempts_remaining).toBe(fresh.body.verification_attempts_remaining - 3);
  });

  it('lets exactly one of 16 concurrent right attempts complete the sign-in', async () => {
    const number = uniqueUsNumber();
    await userWithPhone(server, number);
    const browser = server.browser();
    const { id } = await startPhoneSignIn(browser, number);
    const code = await lastSmsCode(server, number);

    const results = await Promise.all(Array.from({ length: 16 }, () => attempt(browser, id, code)));

    const wins = results.filter((r) => r.status === 200);
    expect(wins).toHaveLength(1);
    expect(wins[0]!.body.response.status).toBe('complete');
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
    }
    const sessions = new Set(wins.map((r) => r.body.response.created_session_id));
    expect(sessions.size).toBe(1);
  });

  it('texts the number named by the identifier, not another of the user’s numbers', async () => {
    const [first, second] = [uniqueUsNumber(), uniqueUsNumber()];
    const { userId } = await userWithPhone(server, first);
    const added = await server.backend.post('/v1/phone_numbers', {
      user_id: userId,
      phone_number: second,
      verified: true,
    });
    expect(added.status).toBe(200);
    const browser = server.browser();
    const before = (await devSms(server, first)).length;
    const { id, created } = await startPhoneSignIn(browser, second);
    expect(created.supported_first_factors).toContainEqual(
      expect.objectContaining({ strategy: 'phone_code', phone_number_id: added.body.id, primary: false }),
    );
    expect((await devSms(server, first)).length).toBe(before);
    expect((await attempt(browser, id, await lastSmsCode(server, second))).body.response.status).toBe('complete');
  });

  it('offers phone_code after an email address too, for a user with a number', async () => {
    const number = uniqueUsNumber();
    const { email } = await userWithPhone(server, number);
    const created = await server.browser().post('/v1/client/sign_ins', { identifier: email });
    expect(created.body.response.supported_first_factors).toContainEqual(
      expect.objectContaining({
        strategy: 'phone_code',
        safe_identifier: `${number.slice(0, 5)}***${number.slice(-4)}`,
      }),
    );
  });

  it('does not let a number reserved for second factor identify the account', async () => {
    const number = uniqueUsNumber();
    const { email } = await userWithPhone(server, number, { reserved_for_second_factor: true });
    const r = await server.browser().post('/v1/client/sign_ins', { identifier: number });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].code).toBe('form_identifier_not_found');
    const byEmail = await server.browser().post('/v1/client/sign_ins', { identifier: email });
    const strategies = byEmail.body.response.supported_first_factors.map((f: { strategy: string }) => f.strategy);
    expect(strategies).not.toContain('phone_code');
  });

  it('reports an unknown number and a malformed one', async () => {
    const unknown = await server.browser().post('/v1/client/sign_ins', { identifier: uniqueUsNumber() });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({ code: 'form_identifier_not_found' });
    const malformed = await server.browser().post('/v1/client/sign_ins', { identifier: '+1 555' });
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors[0]).toMatchObject({
      code: 'form_param_format_invalid',
      meta: { param_name: 'identifier' },
    });
  });

  it('describes phone sign-in in the environment', async () => {
    const env = await server.browser().get('/v1/environment');
    expect(env.body.user_settings.attributes.phone_number).toMatchObject({
      used_for_first_factor: true,
      first_factors: ['phone_code'],
      used_for_second_factor: true,
      second_factors: ['phone_code'],
    });
    expect(env.body.auth_config.identification_strategies).toContain('phone_number');
    expect(env.body.auth_config.first_factors).toContain('phone_code');
  });

  it('signs in a fictional test number with 424242 on a development instance, texting nothing', async () => {
    const number = testNumber(17);
    await userWithPhone(server, number);
    const browser = server.browser();
    const { id } = await startPhoneSignIn(browser, number);
    expect(await devSms(server, number)).toEqual([]);
    const done = await attempt(browser, id, '424242');
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.response.status).toBe('complete');
  });
});

describe('an instance without phone sign-in', () => {
  let off: TestServer;
  beforeAll(async () => {
    off = await startServer({ settings: { sms: PHONE_SIGN_IN.sms, attack_protection: NO_LIMITS } });
  });
  afterAll(() => off.close());

  it('neither accepts a number as identifier nor offers phone_code', async () => {
    const number = uniqueUsNumber();
    const { email } = await userWithPhone(off, number);
    const byPhone = await off.browser().post('/v1/client/sign_ins', { identifier: number });
    expect(byPhone.status).toBe(422);
    expect(byPhone.body.errors[0].code).toBe('form_identifier_not_found');

    const browser = off.browser();
    const byEmail = await browser.post('/v1/client/sign_ins', { identifier: email });
    expect(byEmail.body.response.supported_identifiers).not.toContain('phone_number');
    const strategies = byEmail.body.response.supported_first_factors.map((f: { strategy: string }) => f.strategy);
    expect(strategies).not.toContain('phone_code');
    const prepared = await browser.post(signInPath(byEmail.body.response.id, 'prepare_first_factor'), {
      strategy: 'phone_code',
    });
    expect(prepared.status).toBe(422);
    expect(prepared.body.errors[0].code).toBe('strategy_for_user_invalid');
    expect(await devSms(off, number)).toEqual([]);

    const env = await off.browser().get('/v1/environment');
    expect(env.body.user_settings.attributes.phone_number).toMatchObject({
      used_for_first_factor: false,
      first_factors: [],
    });
  });
});

describe('strict enumeration mode', () => {
  let strict: TestServer;
  beforeAll(async () => {
    strict = await startServer({
      settings: { ...PHONE_SIGN_IN, attack_protection: { ...NO_LIMITS, user_enumeration: { mode: 'strict' } } },
    });
  });
  afterAll(() => strict.close());

  /** A sign-in's factors without the ids, which differ between any two accounts. */
  const shape = (signIn: { status: string; supported_first_factors: Record<string, unknown>[] }) => ({
    status: signIn.status,
    factors: signIn.supported_first_factors.map((f) => Object.keys(f).sort()),
  });

  it('walks an unknown number through the same step, texts nothing and accepts no code', async () => {
    const known = uniqueUsNumber();
    await userWithPhone(strict, known);
    const real = await startPhoneSignIn(strict.browser(), known);

    const unknown = uniqueUsNumber();
    const browser = strict.browser();
    const fake = await startPhoneSignIn(browser, unknown);
    expect(shape(fake.created)).toEqual(shape(real.created));
    expect(fake.created.supported_first_factors).toContainEqual({
      strategy: 'phone_code',
      safe_identifier: `${unknown.slice(0, 5)}***${unknown.slice(-4)}`,
    });
    expect(fake.prepared.first_factor_verification).toMatchObject({ strategy: 'phone_code', status: 'unverified' });
    expect(await devSms(strict, unknown)).toEqual([]);

    const r = await attempt(browser, fake.id, '123456');
    expect(r.status).toBe(422);
    expect(r.body.errors[0].code).toBe('form_code_incorrect');
  });

  it('does not offer phone_code after an email address, which would tell the account has a number', async () => {
    const { email } = await userWithPhone(strict, uniqueUsNumber());
    const created = await strict.browser().post('/v1/client/sign_ins', { identifier: email });
    const strategies = created.body.response.supported_first_factors.map((f: { strategy: string }) => f.strategy);
    expect(strategies).not.toContain('phone_code');
  });
});
