/**
 * A user's phone numbers on the profile page and the Backend API, in Clerk's shapes: add
 * (normalized to E.164, unverified), text a code, verify with it (10 minutes, 3 attempts,
 * single use), become primary, flag as second factor, remove. Codes go to the dev outbox
 * (`GET /v1/dev/sms`) of this development instance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../backend-api/expect-error.ts';
import { createUser } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import {
  addPhone,
  addVerifiedPhone,
  attemptPhone,
  devSms,
  lastSmsCode,
  PHONES,
  phonePath,
  preparePhone,
  signedIn,
  testNumber,
  uniqueUsNumber,
  wrongCodeFor,
} from './helpers.ts';

const TEN_MINUTES_MS = 10 * 60 * 1000;

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    settings: {
      application_name: 'Acme',
      // The send limits have their own tests (send-limits.test.ts); here every step may repeat.
      attack_protection: { rate_limits: { enabled: false } },
      sms: { allowed_countries: ['US', 'FR'], resend_after_seconds: 0, sends_per_ip_per_hour: 100_000 },
    },
  });
});
afterAll(() => server.close());

describe('adding a phone number', () => {
  it('normalizes it to E.164 and adds it unverified, with no verification yet', async () => {
    const { browser } = await signedIn(server);
    const r = await browser.post(PHONES, { phone_number: '+1 (201) 555-2001' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.response).toMatchObject({
      object: 'phone_number',
      phone_number: '+12015552001',
      reserved_for_second_factor: false,
      default_second_factor: false,
      verification: null,
      linked_to: [],
    });
    expect(r.body.client.object).toBe('client');

    const list = await browser.get(PHONES);
    expect(list.status).toBe(200);
    expect(list.body.map((p: { phone_number: string }) => p.phone_number)).toEqual(['+12015552001']);
    const me = await browser.get('/v1/me');
    expect(me.body.response.phone_numbers).toHaveLength(1);
    expect(me.body.response.primary_phone_number_id).toBeNull();
  });

  it.each([
    ['a national number without country code', '2015550123'],
    ['too few digits', '+1 201 555'],
    ['an unassigned country code', '+999 123 4567'],
    ['text', 'call me maybe'],
  ])('refuses %s with form_param_format_invalid on phone_number', async (_what, input) => {
    const { browser } = await signedIn(server);
    expectError(await browser.post(PHONES, { phone_number: input }), 'form_param_format_invalid', {
      param_name: 'phone_number',
    });
  });

  it('refuses a number from a country outside sms.allowed_countries', async () => {
    const { browser } = await signedIn(server);
    expectError(await browser.post(PHONES, { phone_number: '+44 7400 123456' }), 'phone_number_country_not_allowed', {
      param_name: 'phone_number',
      country: 'GB',
    });
    expect((await browser.get(PHONES)).body).toEqual([]);
  });

  it('refuses a number the user already has, in any format', async () => {
    const { browser } = await signedIn(server);
    const number = uniqueUsNumber();
    await addPhone(browser, number);
    expectError(
      await browser.post(PHONES, { phone_number: `${number.slice(0, 5)} ${number.slice(5)}` }),
      'form_identifier_exists',
      {
        param_name: 'phone_number',
      },
    );
  });

  it('lets anyone add a number another account only added, and refuses one it verified', async () => {
    const owner = await signedIn(server);
    const other = await signedIn(server);
    const added = uniqueUsNumber();
    await addPhone(owner.browser, added);
    await addPhone(other.browser, added); // unverified numbers reserve nothing

    const verified = uniqueUsNumber();
    await addVerifiedPhone(server, owner.browser, verified);
    expectError(await other.browser.post(PHONES, { phone_number: verified }), 'form_identifier_exists', {
      param_name: 'phone_number',
    });
  });
});

describe('verifying a phone number by SMS code', () => {
  it('texts a code with the app name and a WebOTP line, and verifies the number with it', async () => {
    const { browser, userId } = await signedIn(server);
    const number = uniqueUsNumber();
    const id = await addPhone(browser, number);

    const before = server.clock.now();
    const prepared = await preparePhone(browser, id);
    const after = server.clock.now();
    expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
    const verification = prepared.body.response.verification;
    expect(verification).toMatchObject({ status: 'unverified', strategy: 'phone_code', attempts: 0 });
    expect(verification.expire_at).toBeGreaterThanOrEqual(before + TEN_MINUTES_MS);
    expect(verification.expire_at).toBeLessThanOrEqual(after + TEN_MINUTES_MS);
    const [sms] = await devSms(server, number);
    const code = await lastSmsCode(server, number);
    expect(sms!.template).toBe('verification_code');
    expect(sms!.body).toContain(`${code} is your Acme verification code`);
    // WebOTP: the last line is `@<host> #<code>`, the Frontend API's host without its port.
    expect(sms!.body.split('\n').at(-1)).toBe(`@localhost #${code}`);

    expectError(await attemptPhone(browser, id, wrongCodeFor(code)), 'form_code_incorrect', {
      param_name: 'code',
      attempts_remaining: 2,
    });
    const r = await attemptPhone(browser, id, code);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.response.verification).toMatchObject({ status: 'verified', strategy: 'phone_code' });

    // The first verified number becomes primary, on the Frontend and Backend API users alike.
    const me = await browser.get('/v1/me');
    expect(me.body.response.primary_phone_number_id).toBe(id);
    const user = await server.backend.get(`/v1/users/${userId}`);
    expect(user.body.primary_phone_number_id).toBe(id);
    expect(user.body.phone_numbers).toEqual([expect.objectContaining({ id, phone_number: number })]);

    // Single use: the code is spent.
    expectError(await attemptPhone(browser, id, code), 'verification_already_verified');
  });

  it('accepts the query’s number in any format on the dev outbox', async () => {
    const { browser } = await signedIn(server);
    const number = uniqueUsNumber();
    const id = await addPhone(browser, number);
    expect((await preparePhone(browser, id)).status).toBe(200);
    const spaced = `${number.slice(0, 2)} (${number.slice(2, 5)}) ${number.slice(5, 8)}-${number.slice(8)}`;
    expect(await devSms(server, spaced)).toHaveLength(1);
  });

  it('needs a prepared code, the phone_code strategy, and refuses an expired code', async () => {
    const { browser } = await signedIn(server);
    const number = uniqueUsNumber();
    const id = await addPhone(browser, number);
    expectError(await attemptPhone(browser, id, '123456'), 'verification_not_prepared');
    expectError(
      await browser.post(phonePath(id, 'prepare_verification'), { strategy: 'email_code' }),
      'strategy_not_allowed',
      {
        param_name: 'strategy',
      },
    );

    expect((await preparePhone(browser, id)).status).toBe(200);
    const code = await lastSmsCode(server, number);
    server.clock.advance(TEN_MINUTES_MS + 1000);
    expectError(await attemptPhone(browser, id, code), 'verification_expired', { param_name: 'code' });
  });

  it('gives up a code after three wrong tries', async () => {
    const { browser } = await signedIn(server);
    const number = uniqueUsNumber();
    const id = await addPhone(browser, number);
    expect((await preparePhone(browser, id)).status).toBe(200);
    const code = await lastSmsCode(server, number);
    for (let i = 0; i < 3; i++) expect((await attemptPhone(browser, id, wrongCodeFor(code))).status).toBe(422);
    expectError(await attemptPhone(browser, id, code), 'verification_failed', { param_name: 'code' });
  });

  it('accepts the fixed code 424242 for a fictional test number, and texts nothing', async () => {
    const { browser } = await signedIn(server);
    const number = testNumber(42);
    const id = await addPhone(browser, '+1 (201) 555-0142');
    expect((await preparePhone(browser, id)).status).toBe(200);
    expect(await devSms(server, number)).toEqual([]);
    const r = await attemptPhone(browser, id, '424242');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.response.verification.status).toBe('verified');
  });

  it('refuses a code for a number another account verified meanwhile', async () => {
    const first = await signedIn(server);
    const second = await signedIn(server);
    const number = uniqueUsNumber();
    const secondId = await addPhone(second.browser, number);
    await addVerifiedPhone(server, first.browser, number);
    expectError(await preparePhone(second.browser, secondId), 'form_identifier_exists', { param_name: 'phone_number' });
  });
});

describe('primary number, second-factor flags and removal', () => {
  it('makes a verified number primary through PATCH /v1/me, never an unverified one', async () => {
    const { browser } = await signedIn(server);
    const firstId = await addVerifiedPhone(server, browser, uniqueUsNumber());
    const secondId = await addVerifiedPhone(server, browser, uniqueUsNumber());
    const unverifiedId = await addPhone(browser, uniqueUsNumber());
    expect((await browser.get('/v1/me')).body.response.primary_phone_number_id).toBe(firstId);

    expectError(await browser.patch('/v1/me', { primary_phone_number_id: unverifiedId }), 'form_param_value_invalid', {
      param_name: 'primary_phone_number_id',
    });
    const r = await browser.patch('/v1/me', { primary_phone_number_id: secondId });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.response.primary_phone_number_id).toBe(secondId);
  });

  it('keeps one default second factor, on verified numbers only', async () => {
    const { browser } = await signedIn(server);
    const a = await addVerifiedPhone(server, browser, uniqueUsNumber());
    const b = await addVerifiedPhone(server, browser, uniqueUsNumber());
    const unverified = await addPhone(browser, uniqueUsNumber());

    expectError(
      await browser.patch(phonePath(unverified), { default_second_factor: true }),
      'form_param_value_invalid',
      {
        param_name: 'default_second_factor',
      },
    );
    const first = await browser.patch(phonePath(a), { default_second_factor: true, reserved_for_second_factor: true });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.response).toMatchObject({ default_second_factor: true, reserved_for_second_factor: true });
    expect((await browser.patch(phonePath(b), { default_second_factor: true })).status).toBe(200);

    const list = await browser.get(PHONES);
    const flags = Object.fromEntries(
      list.body.map((p: { id: string; default_second_factor: boolean }) => [p.id, p.default_second_factor]),
    );
    expect(flags).toEqual({ [a]: false, [b]: true, [unverified]: false });
  });

  it('removes a number; removing the primary one hands over to the oldest other verified number', async () => {
    const { browser } = await signedIn(server);
    const first = await addVerifiedPhone(server, browser, uniqueUsNumber());
    const second = await addVerifiedPhone(server, browser, uniqueUsNumber());

    const r = await browser.delete(phonePath(first));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.response).toEqual({ object: 'phone_number', id: first, deleted: true });
    expect((await browser.get('/v1/me')).body.response.primary_phone_number_id).toBe(second);

    expect((await browser.delete(phonePath(second))).status).toBe(200);
    const me = (await browser.get('/v1/me')).body.response;
    expect(me.primary_phone_number_id).toBeNull();
    expect(me.phone_numbers).toEqual([]);
  });

  it('answers resource_not_found for another user’s number', async () => {
    const owner = await signedIn(server);
    const stranger = await signedIn(server);
    const id = await addPhone(owner.browser, uniqueUsNumber());
    expectError(await stranger.browser.get(phonePath(id)), 'resource_not_found');
    expectError(await stranger.browser.delete(phonePath(id)), 'resource_not_found');
    expectError(await preparePhone(stranger.browser, id), 'resource_not_found');
  });
});

describe('Backend API /v1/phone_numbers', () => {
  it('adds a verified primary number, reads, flags and removes it', async () => {
    const { userId } = await createUser(server);
    const created = await server.backend.post('/v1/phone_numbers', {
      user_id: userId,
      phone_number: '+33 6 12 34 56 78',
      verified: true,
      primary: true,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({
      object: 'phone_number',
      phone_number: '+33612345678',
      verification: { object: 'verification_admin', status: 'verified', strategy: 'admin' },
    });
    const id = created.body.id as string;
    expect((await server.backend.get(`/v1/users/${userId}`)).body.primary_phone_number_id).toBe(id);

    expect((await server.backend.get(`/v1/phone_numbers/${id}`)).body.id).toBe(id);
    const patched = await server.backend.patch(`/v1/phone_numbers/${id}`, { reserved_for_second_factor: true });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.reserved_for_second_factor).toBe(true);

    const deleted = await server.backend.delete(`/v1/phone_numbers/${id}`);
    expect(deleted.body).toEqual({ object: 'phone_number', id, deleted: true });
    expectError(await server.backend.get(`/v1/phone_numbers/${id}`), 'resource_not_found');
    expect((await server.backend.get(`/v1/users/${userId}`)).body.primary_phone_number_id).toBeNull();
  });

  it('adds an unverified number, verifies it later, and refuses a bad number or unknown user', async () => {
    const { userId } = await createUser(server);
    const created = await server.backend.post('/v1/phone_numbers', { user_id: userId, phone_number: uniqueUsNumber() });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.verification).toBeNull();
    expectError(
      await server.backend.patch(`/v1/phone_numbers/${created.body.id}`, { primary: true }),
      'form_param_value_invalid',
      {
        param_name: 'primary',
      },
    );
    const verified = await server.backend.patch(`/v1/phone_numbers/${created.body.id}`, { verified: true });
    expect(verified.body.verification.status).toBe('verified');

    expectError(
      await server.backend.post('/v1/phone_numbers', { user_id: userId, phone_number: '555' }),
      'form_param_format_invalid',
      {
        param_name: 'phone_number',
      },
    );
    expectError(
      await server.backend.post('/v1/phone_numbers', { user_id: 'user_nope', phone_number: uniqueUsNumber() }),
      'user_not_found',
    );
  });
});
