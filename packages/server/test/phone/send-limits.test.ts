/**
 * Toll-fraud protection on SMS sends: the country allowlist (empty by default: no country),
 * the resend interval per number, and the hourly budgets per number and per IP address, all
 * refused with 429 `too_many_requests` and `Retry-After` before anything is texted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../backend-api/expect-error.ts';
import type { Browser } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { addPhone, devSms, PHONES, preparePhone, signedIn, testNumber, uniqueUsNumber } from './helpers.ts';

const noRequestLimits = { rate_limits: { enabled: false } };

describe('with the default settings', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ settings: { attack_protection: noRequestLimits } });
  });
  afterAll(() => server.close());

  it('allows no country, so a fresh instance texts no one', async () => {
    const { browser } = await signedIn(server);
    expectError(await browser.post(PHONES, { phone_number: uniqueUsNumber() }), 'phone_number_country_not_allowed', {
      country: 'US',
    });
  });

  it('still accepts the fictional test numbers of a development instance, with the fixed code', async () => {
    const { browser } = await signedIn(server);
    const id = await addPhone(browser, testNumber(7));
    expect((await preparePhone(browser, id)).status).toBe(200);
    expect(await devSms(server, testNumber(7))).toEqual([]);
    const r = await browser.post(`${PHONES}/${id}/attempt_verification`, { code: '424242' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });
});

/** A signed-in browser calling from its own IP address (the server trusts X-Forwarded-For). */
async function callerFrom(server: TestServer, ip: string): Promise<Browser> {
  const { browser } = await signedIn(server);
  browser.headers['x-forwarded-for'] = ip;
  return browser;
}

describe('resend interval', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      trustProxy: true,
      settings: { attack_protection: noRequestLimits, sms: { allowed_countries: ['US'], resend_after_seconds: 30 } },
    });
  });
  afterAll(() => server.close());

  it('refuses a second code to one number within the interval, from any caller, and texts nothing', async () => {
    const number = uniqueUsNumber();
    const first = await callerFrom(server, '203.0.113.10');
    const second = await callerFrom(server, '203.0.113.11');
    const firstId = await addPhone(first, number);
    const secondId = await addPhone(second, number);
    expect((await preparePhone(first, firstId)).status).toBe(200);

    for (const again of [await preparePhone(first, firstId), await preparePhone(second, secondId)]) {
      expectError(again, 'too_many_requests');
      const wait = Number(again.headers.get('retry-after'));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(30);
    }
    expect(await devSms(server, number)).toHaveLength(1);
  });
});

describe('hourly budgets', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      trustProxy: true,
      settings: {
        attack_protection: noRequestLimits,
        sms: {
          allowed_countries: ['US'],
          resend_after_seconds: 0,
          sends_per_number_per_hour: 2,
          sends_per_ip_per_hour: 3,
        },
      },
    });
  });
  afterAll(() => server.close());

  it('counts sends per number across users and IP addresses', async () => {
    const number = uniqueUsNumber();
    const callers: [Browser, string][] = [];
    for (const ip of ['203.0.113.21', '203.0.113.22', '203.0.113.23']) {
      const b = await callerFrom(server, ip);
      callers.push([b, await addPhone(b, number)]);
    }
    expect((await preparePhone(...callers[0]!)).status).toBe(200);
    expect((await preparePhone(...callers[1]!)).status).toBe(200);
    expectError(await preparePhone(...callers[2]!), 'too_many_requests');
    expect(await devSms(server, number)).toHaveLength(2);
  });

  it('counts sends per IP address across numbers', async () => {
    const browser = await callerFrom(server, '203.0.113.30');
    const numbers = [uniqueUsNumber(), uniqueUsNumber(), uniqueUsNumber(), uniqueUsNumber()];
    const ids: string[] = [];
    for (const n of numbers) ids.push(await addPhone(browser, n));
    for (const id of ids.slice(0, 3)) expect((await preparePhone(browser, id)).status).toBe(200);
    expectError(await preparePhone(browser, ids[3]!), 'too_many_requests');
    expect(await devSms(server, numbers[3]!)).toEqual([]);

    // Another address has its own budget.
    browser.headers['x-forwarded-for'] = '203.0.113.31';
    expect((await preparePhone(browser, ids[3]!)).status).toBe(200);
  });
});
