/**
 * A user's email addresses on the profile page, in Clerk's shapes: add (unverified), ask for
 * a code, verify with it (10 minutes, 3 attempts, single use), make a verified address
 * primary, remove one. Only an active session of the calling client may change them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../backend-api/expect-error.ts';
import { createUser, PASSWORD, signIn, signUp, uniqueEmail } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { addEmail, addVerifiedEmail, attemptEmail, EMAILS, emailPath, prepareEmail, wrongCodeFor } from './helpers.ts';

const TEN_MINUTES_MS = 10 * 60 * 1000;

let server: TestServer;
beforeAll(async () => {
  // These tests send more code requests from one address than the attempts bucket allows.
  server = await startServer({ settings: { attack_protection: { rate_limits: { enabled: false } } } });
});
afterAll(() => server.close());

/** A new user signed in on a new browser. */
async function signedIn(): Promise<{ browser: Browser; email: string; userId: string; sessionId: string }> {
  const browser = server.browser();
  return { browser, ...(await signUp(server, browser, uniqueEmail('profile'))) };
}

describe('adding an email address', () => {
  it('adds it unverified, with no verification yet, beside the primary address', async () => {
    const { browser, email } = await signedIn();
    const extra = uniqueEmail('extra');

    const r = await browser.post(EMAILS, { email_address: extra });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.response).toMatchObject({
      object: 'email_address',
      email_address: extra,
      reserved: false,
      verification: null,
      linked_to: [],
    });
    expect(r.body.response.id).toMatch(/^idn_/);
    expect(r.body.client.object).toBe('client');

    const list = await browser.get(EMAILS);
    expect(list.status).toBe(200);
    expect(Array.isArray(list.body)).toBe(true);
    expect(list.body.map((e: { email_address: string }) => e.email_address)).toEqual([email, extra]);
    const me = await browser.get('/v1/me');
    expect(me.body.response.primary_email_address_id).toBe(list.body[0].id);
  });

  it('stores the address lower-cased and trimmed', async () => {
    const { browser } = await signedIn();
    const extra = uniqueEmail('case');
    const r = await browser.post(EMAILS, { email_address: `  ${extra.toUpperCase()} ` });
    expect(r.status).toBe(200);
    expect(r.body.response.email_address).toBe(extra);
  });

  it('refuses an invalid address: form_email_address_invalid', async () => {
    const { browser } = await signedIn();
    expectError(await browser.post(EMAILS, { email_address: 'not-an-address' }), 'form_email_address_invalid', {
      param_name: 'email_address',
    });
  });

  it('refuses an address the user already has, verified or not: form_identifier_exists', async () => {
    const { browser, email } = await signedIn();
    expectError(await browser.post(EMAILS, { email_address: email }), 'form_identifier_exists', {
      param_name: 'email_address',
    });
    const extra = uniqueEmail('twice');
    await addEmail(browser, extra);
    expectError(await browser.post(EMAILS, { email_address: extra }), 'form_identifier_exists', {
      param_name: 'email_address',
    });
    const list = await browser.get(EMAILS);
    expect(list.body.filter((e: { email_address: string }) => e.email_address === extra)).toHaveLength(1);
  });

  it('keeps one row when the same address is added twice at once', async () => {
    const { browser } = await signedIn();
    const extra = uniqueEmail('atonce');
    const results = await Promise.all([0, 1, 2, 3].map(() => browser.post(EMAILS, { email_address: extra })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) expectError(r, 'form_identifier_exists');
    const list = await browser.get(EMAILS);
    expect(list.body.filter((e: { email_address: string }) => e.email_address === extra)).toHaveLength(1);
  });
});

describe('verifying an added address with an email code', () => {
  it('mails a 6-digit code, and the code verifies the address (strategy email_code)', async () => {
    const { browser } = await signedIn();
    const extra = uniqueEmail('verify');
    const id = await addEmail(browser, extra);

    const before = server.clock.now();
    const prepared = await browser.post(emailPath(id, 'prepare_verification'), { strategy: 'email_code' });
    const after = server.clock.now();
    expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
    expect(prepared.body.response).toMatchObject({
      id,
      email_address: extra,
      verification: { object: 'verification_otp', status: 'unverified', strategy: 'email_code', attempts: 0 },
    });
    const expireAt = prepared.body.response.verification.expire_at;
    expect(expireAt).toBeGreaterThanOrEqual(before + TEN_MINUTES_MS);
    expect(expireAt).toBeLessThanOrEqual(after + TEN_MINUTES_MS);
    const mail = await server.lastDevEmail(extra);
    expect(mail.subject).toMatch(/verification code/);
    const code = /\b(\d{6})\b/.exec(mail.text)![1]!;

    const attempted = await attemptEmail(browser, id, code);
    expect(attempted.status, JSON.stringify(attempted.body)).toBe(200);
    expect(attempted.body.response).toMatchObject({
      id,
      object: 'email_address',
      email_address: extra,
      verification: { status: 'verified', strategy: 'email_code' },
    });
    const me = await browser.get('/v1/me');
    expect(me.body.response.email_addresses[1]).toMatchObject({
      id,
      verification: { status: 'verified', strategy: 'email_code' },
    });
  });

  it('refuses a wrong code with form_code_incorrect and attempts_remaining; the address stays unverified', async () => {
    const { browser } = await signedIn();
    const extra = uniqueEmail('wrong');
    const id = await addEmail(browser, extra);
    const code = await prepareEmail(server, browser, id, extra);

    expectError(await attemptEmail(browser, id, wrongCodeFor(code)), 'form_code_incorrect', {
      param_name: 'code',
      attempts_remaining: 2,
    });
    const one = await browser.get(emailPath(id));
    expect(one.body.response.verification).toMatchObject({ status: 'unverified', strategy: 'email_code' });
    expect((await attemptEmail(browser, id, code)).status).toBe(200);
  });

  it('refuses even the right code after three wrong ones: verification_failed', async () => {
    const { browser } = await signedIn();
    const extra = uniqueEmail('three');
    const id = await addEmail(browser, extra);
    const code = await prepareEmail(server, browser, id, extra);
    for (const left of [2, 1, 0])
      expectError(await attemptEmail(browser, id, wrongCodeFor(code)), 'form_code_incorrect', {
        attempts_remaining: left,
      });
    expectError(await attemptEmail(browser, id, code), 'verification_failed', { param_name: 'code' });
    const one = await browser.get(emailPath(id));
    expect(one.body.response.verification.status).toBe('unverified');
  });

  it('expires the code after 10 minutes: verification_expired; a new code works', async () => {
    const { browser } = await signedIn();
    const extra = uniqueEmail('expire');
    const id = await addEmail(browser, extra);
    const code = await prepareEmail(server, browser, id, extra);

    server.clock.advance(TEN_MINUTES_MS + 1000);
    expectError(await attemptEmail(browser, id, code), 'verification_expired', { param_name: 'code' });

    const fresh = await prepareEmail(server, browser, id, extra);
    expect((await attemptEmail(browser, id, fresh)).status).toBe(200);
  });

  it('uses a code once: the same code again is verification_already_verified', async () => {
    const { browser } = await signedIn();
    const extra = uniqueEmail('once');
    const id = await addEmail(browser, extra);
    const code = await prepareEmail(server, browser, id, extra);
    expect((await attemptEmail(browser, id, code)).status).toBe(200);
    expectError(await attemptEmail(browser, id, code), 'verification_already_verified');
    expectError(
      await browser.post(emailPath(id, 'prepare_verification'), { strategy: 'email_code' }),
      'verification_already_verified',
    );
  });

  it('refuses an attempt before any code was sent: verification_not_prepared', async () => {
    const { browser } = await signedIn();
    const id = await addEmail(browser, uniqueEmail('unprepared'));
    expectError(await attemptEmail(browser, id, '123456'), 'verification_not_prepared');
  });

  it('refuses other strategies: strategy_not_allowed', async () => {
    const { browser } = await signedIn();
    const id = await addEmail(browser, uniqueEmail('strategy'));
    expectError(
      await browser.post(emailPath(id, 'prepare_verification'), { strategy: 'email_link' }),
      'strategy_not_allowed',
      { param_name: 'strategy', strategy: 'email_link' },
    );
  });
});

describe('the primary address', () => {
  it('becomes a verified address of the user through PATCH /v1/me', async () => {
    const { browser } = await signedIn();
    const extra = uniqueEmail('primary');
    const id = await addVerifiedEmail(server, browser, extra);

    const r = await browser.patch('/v1/me', { primary_email_address_id: id });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.response.primary_email_address_id).toBe(id);
    const sessions = await browser.get('/v1/me/sessions');
    expect(sessions.body[0].public_user_data.identifier).toBe(extra);
  });

  it('refuses an unverified address: form_param_value_invalid, primary unchanged', async () => {
    const { browser } = await signedIn();
    const before = (await browser.get('/v1/me')).body.response.primary_email_address_id;
    const id = await addEmail(browser, uniqueEmail('unverifiedprimary'));
    expectError(await browser.patch('/v1/me', { primary_email_address_id: id }), 'form_param_value_invalid', {
      param_name: 'primary_email_address_id',
    });
    expect((await browser.get('/v1/me')).body.response.primary_email_address_id).toBe(before);
  });

  it('refuses an address of another user: form_param_value_invalid', async () => {
    const { browser } = await signedIn();
    const other = await server.backend.get(`/v1/users/${(await createUser(server)).userId}`);
    expectError(
      await browser.patch('/v1/me', { primary_email_address_id: other.body.email_addresses[0].id }),
      'form_param_value_invalid',
      { param_name: 'primary_email_address_id' },
    );
  });
});

describe('removing an address', () => {
  it('removes an address that is not primary: wrapped DeletedObject, gone from the list', async () => {
    const { browser, email } = await signedIn();
    const id = await addEmail(browser, uniqueEmail('remove'));

    const r = await browser.delete(emailPath(id));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.response).toEqual({ object: 'email_address', id, deleted: true });
    expect(r.body.client.object).toBe('client');
    const list = await browser.get(EMAILS);
    expect(list.body.map((e: { email_address: string }) => e.email_address)).toEqual([email]);
    expectError(await browser.get(emailPath(id)), 'resource_not_found');
  });

  it('refuses the primary address while it is primary, and removes it once another is primary', async () => {
    const { browser, email } = await signedIn();
    const primaryId = (await browser.get('/v1/me')).body.response.primary_email_address_id;
    expectError(await browser.delete(emailPath(primaryId)), 'primary_email_address_not_deletable', {
      email_address_id: primaryId,
    });
    expect(
      (await server.backend.get(`/v1/users?email_address=${encodeURIComponent(email)}`)).body[0].email_addresses,
    ).toHaveLength(1);

    const extra = uniqueEmail('newprimary');
    const id = await addVerifiedEmail(server, browser, extra);
    expect((await browser.patch('/v1/me', { primary_email_address_id: id })).status).toBe(200);
    expect((await browser.delete(emailPath(primaryId))).status).toBe(200);

    // The removed address signs no one in (answered like an unknown one); the new primary does.
    const old = await server.browser().post('/v1/client/sign_ins', { identifier: email, password: PASSWORD });
    const unknown = await server
      .browser()
      .post('/v1/client/sign_ins', { identifier: uniqueEmail('nobody'), password: PASSWORD });
    expect(old.status).toBe(422);
    expect(old.body.errors).toEqual(unknown.body.errors);
    await signIn(server.browser(), extra, PASSWORD);
  });

  it('answers resource_not_found for an unknown id or another user’s address, and changes nothing', async () => {
    const { browser } = await signedIn();
    const other = await signedIn();
    const theirs = await addEmail(other.browser, uniqueEmail('theirs'));
    for (const id of ['idn_unknown', theirs]) {
      expectError(await browser.delete(emailPath(id)), 'resource_not_found', { email_address_id: id });
      expectError(
        await browser.post(emailPath(id, 'prepare_verification'), { strategy: 'email_code' }),
        'resource_not_found',
      );
      expectError(await attemptEmail(browser, id, '123456'), 'resource_not_found');
    }
    expect((await other.browser.get(EMAILS)).body.map((e: { id: string }) => e.id)).toContain(theirs);
  });
});

describe('who may change addresses', () => {
  it('refuses a browser with no session: signed_out', async () => {
    const browser = server.browser();
    expectError(await browser.get(EMAILS), 'signed_out');
    expectError(await browser.post(EMAILS, { email_address: uniqueEmail('nobody') }), 'signed_out');
  });

  it('refuses another client’s session named by _clerk_session_id: signed_out', async () => {
    const me = await signedIn();
    const other = await signedIn();
    const r = await me.browser.post(`${EMAILS}?_clerk_session_id=${other.sessionId}`, {
      email_address: uniqueEmail('hijack'),
    });
    expectError(r, 'signed_out');
    expect(await other.browser.get(EMAILS).then((x) => x.body)).toHaveLength(1);
  });

  it('refuses a session that was signed out: signed_out, nothing added', async () => {
    const { browser, sessionId, userId } = await signedIn();
    expect((await browser.post(`/v1/client/sessions/${sessionId}/end`)).status).toBe(200);
    expectError(await browser.post(EMAILS, { email_address: uniqueEmail('late') }), 'signed_out');
    const user = await server.backend.get(`/v1/users/${userId}`);
    expect(user.body.email_addresses).toHaveLength(1);
  });
});
