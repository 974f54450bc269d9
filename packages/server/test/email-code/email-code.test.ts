/**
 * Email codes, the parts the first-factor issue adds:
 * - development instances accept the fixed code 424242 for `+gatehouse_test` addresses at
 *   sign-up, at sign-in (`email_code` first factor) and in the profile, and mail nothing;
 * - production instances have no test addresses: the same address gets a random mailed code;
 * - resend is throttled per flow (`code_resend_after_seconds`, 30 s): sooner is
 *   `too_many_requests` with `retry_after_seconds` and a `Retry-After` header.
 * @see issue 7 (first factors: email_code)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, PASSWORD, signIn } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import { codeIn, startServer, type TestServer } from '../fixtures/server.ts';

const FIXED = '424242';
const APP_ORIGIN = 'https://app.example.com';
let counter = 0;
const testEmail = (label: string) => `${label}.${Date.now()}.${++counter}+gatehouse_test@example.com`;

let dev: TestServer;
beforeAll(async () => {
  dev = await startServer({
    settings: {
      auth: { email_address: { sign_in_with_code: true } },
      attack_protection: { rate_limits: { enabled: false }, client_trust: { enabled: false } },
    },
  });
});
afterAll(() => dev.close());

const mailCount = async (server: TestServer, to: string) => {
  const r = await server.backend.get(`/v1/dev/emails?to=${encodeURIComponent(to)}`);
  expect(r.status).toBe(200);
  return (Array.isArray(r.body) ? r.body : r.body.data).length as number;
};

async function prepareSignInCode(browser: Browser, email: string) {
  const created = await browser.post('/v1/client/sign_ins', { identifier: email });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const id = created.body.response.id as string;
  const prepared = await browser.post(`/v1/client/sign_ins/${id}/prepare_first_factor`, { strategy: 'email_code' });
  return { id, prepared };
}

describe('fixed test code on a development instance', () => {
  it('signs up a +gatehouse_test address with 424242 and mails nothing', async () => {
    const browser = dev.browser();
    const email = testEmail('signup');
    const created = await browser.post('/v1/client/sign_ups', { email_address: email, password: PASSWORD });
    const id = created.body.response.id as string;
    expect(
      (await browser.post(`/v1/client/sign_ups/${id}/prepare_verification`, { strategy: 'email_code' })).status,
    ).toBe(200);
    const done = await browser.post(`/v1/client/sign_ups/${id}/attempt_verification`, {
      strategy: 'email_code',
      code: FIXED,
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.response.status).toBe('complete');
    expect(await mailCount(dev, email)).toBe(0);
  });

  it('signs in with the email_code first factor and 424242, mailing nothing', async () => {
    const email = testEmail('signin');
    await createUser(dev, email);
    const browser = dev.browser();
    const { id, prepared } = await prepareSignInCode(browser, email);
    expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
    const done = await browser.post(`/v1/client/sign_ins/${id}/attempt_first_factor`, {
      strategy: 'email_code',
      code: FIXED,
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.response.status).toBe('complete');
    expect(await mailCount(dev, email)).toBe(0);
  });

  it('keeps the one-time-code rules: 424242 works once', async () => {
    const email = testEmail('once');
    await createUser(dev, email);
    const browser = dev.browser();
    const { id } = await prepareSignInCode(browser, email);
    const attempt = () =>
      browser.post(`/v1/client/sign_ins/${id}/attempt_first_factor`, { strategy: 'email_code', code: FIXED });
    expect((await attempt()).body.response.status).toBe('complete');
    expect((await attempt()).status).toBe(400);
  });

  it('verifies a +gatehouse_test address added in the profile with 424242', async () => {
    const owner = await createUser(dev);
    const browser = dev.browser();
    await signIn(browser, owner.email);
    const extra = testEmail('profile');
    const added = await browser.post('/v1/me/email_addresses', { email_address: extra });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const id = added.body.response.id as string;
    const prepared = await browser.post(`/v1/me/email_addresses/${id}/prepare_verification`, {
      strategy: 'email_code',
    });
    expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
    const done = await browser.post(`/v1/me/email_addresses/${id}/attempt_verification`, { code: FIXED });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.response.verification.status).toBe('verified');
    expect(await mailCount(dev, extra)).toBe(0);
  });

  it('refuses 424242 for an ordinary address (a random code is mailed)', async () => {
    const { email } = await createUser(dev);
    const browser = dev.browser();
    const { id } = await prepareSignInCode(browser, email);
    const code = codeIn(await dev.lastDevEmail(email));
    const wrong = await browser.post(`/v1/client/sign_ins/${id}/attempt_first_factor`, {
      strategy: 'email_code',
      code: code === FIXED ? '000000' : FIXED,
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].code).toBe('form_code_incorrect');
  });
});

describe('no test addresses on a production instance', () => {
  let prod: TestServer;
  beforeAll(async () => {
    prod = await startServer({
      environment: 'production',
      smtp: true,
      settings: {
        allowed_origins: [APP_ORIGIN],
        auth: { email_address: { sign_in_with_code: true } },
        attack_protection: { rate_limits: { enabled: false }, client_trust: { enabled: false } },
      },
    });
  });
  afterAll(() => prod.close());

  it('mails a random code to a +gatehouse_test address and refuses 424242', async () => {
    const email = testEmail('prod');
    await createUser(prod, email);
    const browser = prod.browser({ origin: APP_ORIGIN });
    const created = await browser.post('/v1/client/sign_ins', { identifier: email });
    const id = created.body.response.id as string;
    await browser.post(`/v1/client/sign_ins/${id}/prepare_first_factor`, { strategy: 'email_code' });
    const code = codeIn(await prod.smtp!.waitFor(email));
    const attempt = (c: string) =>
      browser.post(`/v1/client/sign_ins/${id}/attempt_first_factor`, { strategy: 'email_code', code: c });
    if (code !== FIXED) expect((await attempt(FIXED)).body.errors[0].code).toBe('form_code_incorrect');
    expect((await attempt(code)).body.response.status).toBe('complete');
  });
});

describe('resend throttle', () => {
  it('refuses a second sign-in code within 30 s with too_many_requests and retry_after_seconds', async () => {
    const { email } = await createUser(dev);
    const browser = dev.browser();
    const { id } = await prepareSignInCode(browser, email);
    dev.clock.advance(10_000);
    const again = await browser.post(`/v1/client/sign_ins/${id}/prepare_first_factor`, { strategy: 'email_code' });
    expect(again.status).toBe(429);
    expect(again.body.errors[0]).toMatchObject({ code: 'too_many_requests', meta: { retry_after_seconds: 20 } });
    expect(again.headers.get('retry-after')).toBe('20');
    expect(await mailCount(dev, email)).toBe(1);

    dev.clock.advance(20_000);
    const later = await browser.post(`/v1/client/sign_ins/${id}/prepare_first_factor`, { strategy: 'email_code' });
    expect(later.status, JSON.stringify(later.body)).toBe(200);
    expect(await mailCount(dev, email)).toBe(2);
  });

  it('throttles sign-up codes per sign-up, not per address', async () => {
    const email = `throttle.${Date.now()}@example.com`;
    const [a, b] = [dev.browser(), dev.browser()];
    const start = async (browser: Browser) => {
      const created = await browser.post('/v1/client/sign_ups', { email_address: email, password: PASSWORD });
      const id = created.body.response.id as string;
      return {
        id,
        prepare: () => browser.post(`/v1/client/sign_ups/${id}/prepare_verification`, { strategy: 'email_code' }),
      };
    };
    const first = await start(a);
    expect((await first.prepare()).status).toBe(200);
    expect((await first.prepare()).status).toBe(429);
    const second = await start(b);
    expect((await second.prepare()).status).toBe(200);
  });
});
