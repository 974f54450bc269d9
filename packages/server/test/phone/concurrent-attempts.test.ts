/**
 * Races on one SMS code: 16 concurrent attempts with the right code verify the number
 * exactly once (the code is single-use and its attempts are counted atomically), and the
 * losers get a code error, never a 500 nor a second success.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { addPhone, attemptPhone, lastSmsCode, preparePhone, signedIn, uniqueUsNumber } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    settings: { attack_protection: { rate_limits: { enabled: false } }, sms: { allowed_countries: ['US'] } },
  });
});
afterAll(() => server.close());

it('lets exactly one of 16 concurrent correct attempts verify the number', async () => {
  const { browser } = await signedIn(server);
  const number = uniqueUsNumber();
  const id = await addPhone(browser, number);
  expect((await preparePhone(browser, id)).status).toBe(200);
  const code = await lastSmsCode(server, number);

  const results = await Promise.all(Array.from({ length: 16 }, () => attemptPhone(browser, id, code)));

  const statuses = results.map((r) => r.status);
  expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  expect(statuses.filter((s) => s === 422)).toHaveLength(15);
  const codes = new Set(results.filter((r) => r.status !== 200).map((r) => r.body.errors[0].code));
  for (const c of codes) expect(['verification_failed', 'verification_already_verified']).toContain(c);

  const list = await browser.get('/v1/me/phone_numbers');
  expect(list.body).toEqual([
    expect.objectContaining({ id, verification: expect.objectContaining({ status: 'verified' }) }),
  ]);
});
