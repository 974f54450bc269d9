/**
 * Client Trust's email code (the second step after a right password on a new client) follows
 * the same test-address rule as the `email_code` first factor (`policies/test-identifiers.ts`):
 * - on a development instance a `+gatehouse_test` address passes with 424242 and is mailed nothing;
 * - the fixed code still obeys the one-time-code rules (single use);
 * - an ordinary address, or any address on a production instance, gets a random mailed code.
 * @see issue 7 (loose ends: Client Trust ignored the fixed test code)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, PASSWORD } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import { codeIn, startServer, type TestServer } from '../fixtures/server.ts';

const FIXED = '424242';
const APP_ORIGIN = 'https://app.example.com';
let counter = 0;
const testEmail = (label: string) => `${label}.${Date.now()}.${++counter}+gatehouse_test@example.com`;

const mailCount = async (server: TestServer, to: string) => {
  const r = await server.backend.get(`/v1/dev/emails?to=${encodeURIComponent(to)}`);
  expect(r.status).toBe(200);
  return (Array.isArray(r.body) ? r.body : r.body.data).length as number;
};

/** A password sign-in on a fresh client, stopped at Client Trust with the email code prepared. */
async function atClientTrust(browser: Browser, email: string) {
  const created = await browser.post('/v1/client/sign_ins', { identifier: email, password: PASSWORD });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  expect(created.body.response.status).toBe('needs_client_trust');
  const id = created.body.response.id as string;
  const prepared = await browser.post(`/v1/client/sign_ins/${id}/prepare_second_factor`, { strategy: 'email_code' });
  expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
  const attempt = (code: string) =>
    browser.post(`/v1/client/sign_ins/${id}/attempt_second_factor`, { strategy: 'email_code', code });
  return { id, attempt };
}

describe('development instance', () => {
  let dev: TestServer;
  beforeAll(async () => {
    dev = await startServer({ settings: { attack_protection: { rate_limits: { enabled: false } } } });
  });
  afterAll(() => dev.close());

  it('passes Client Trust for a +gatehouse_test address with 424242 and mails nothing', async () => {
    const email = testEmail('trust');
    await createUser(dev, email);
    const { attempt } = await atClientTrust(dev.browser(), email);
    const done = await attempt(FIXED);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.response.status).toBe('complete');
    expect(await mailCount(dev, email)).toBe(0);
  });

  it('keeps the one-time-code rules: 424242 passes Client Trust once', async () => {
    const email = testEmail('trust-once');
    await createUser(dev, email);
    const { attempt } = await atClientTrust(dev.browser(), email);
    expect((await attempt(FIXED)).body.response.status).toBe('complete');
    expect((await attempt(FIXED)).status).toBe(400);
  });

  it('refuses 424242 for an ordinary address (a random code is mailed)', async () => {
    const { email } = await createUser(dev);
    const { attempt } = await atClientTrust(dev.browser(), email);
    const code = codeIn(await dev.lastDevEmail(email));
    if (code !== FIXED) {
      const wrong = await attempt(FIXED);
      expect(wrong.status).toBe(422);
      expect(wrong.body.errors[0].code).toBe('form_code_incorrect');
    }
    expect((await attempt(code)).body.response.status).toBe('complete');
  });
});

describe('production instance', () => {
  let prod: TestServer;
  beforeAll(async () => {
    prod = await startServer({
      environment: 'production',
      smtp: true,
      settings: { allowed_origins: [APP_ORIGIN], attack_protection: { rate_limits: { enabled: false } } },
    });
  });
  afterAll(() => prod.close());

  it('mails a random Client Trust code to a +gatehouse_test address and refuses 424242', async () => {
    const email = testEmail('trust-prod');
    await createUser(prod, email);
    const { attempt } = await atClientTrust(prod.browser({ origin: APP_ORIGIN }), email);
    const code = codeIn(await prod.smtp!.waitFor(email));
    if (code !== FIXED) expect((await attempt(FIXED)).body.errors[0].code).toBe('form_code_incorrect');
    expect((await attempt(code)).body.response.status).toBe('complete');
  });
});
