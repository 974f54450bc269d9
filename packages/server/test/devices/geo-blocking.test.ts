/**
 * Geo blocking by the client address: sign-up, sign-in and token minting refused with
 * `geo_blocked` (403) from blocked countries (`block`) or from all but the allowed ones
 * (`allow_only`); addresses without a country follow `unknown`. The address comes from
 * `X-Forwarded-For` only when the server trusts a proxy, so a client cannot pick its country.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, mintToken, PASSWORD, signIn, uniqueEmail } from '../fixtures/flows.ts';
import type { HttpResult } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { BERLIN_IP, MOUNTAIN_VIEW_IP, PARIS_IP } from './test-ips.ts';

let blockDe: TestServer;
let allowFr: TestServer;
let direct: TestServer;
beforeAll(async () => {
  [blockDe, allowFr, direct] = await Promise.all([
    startServer({
      trustProxy: true,
      settings: { attack_protection: { geo_blocking: { mode: 'block', countries: ['DE'] } } },
    }),
    startServer({
      trustProxy: true,
      settings: { attack_protection: { geo_blocking: { mode: 'allow_only', countries: ['FR'], unknown: 'block' } } },
    }),
    startServer({
      settings: { attack_protection: { geo_blocking: { mode: 'allow_only', countries: ['FR'], unknown: 'block' } } },
    }),
  ]);
});
afterAll(() => Promise.all([blockDe.close(), allowFr.close(), direct.close()]));

const from = (server: TestServer, ip: string | null) => {
  const b = server.browser();
  if (ip) b.headers = { 'x-forwarded-for': ip };
  return b;
};

const expectBlocked = (r: HttpResult, country: string | null, reason: string) => {
  expect(r.status, JSON.stringify(r.body)).toBe(403);
  expect(r.body.errors[0]).toMatchObject({
    code: 'geo_blocked',
    message: 'Access from your location is not allowed for this application.',
    meta: { country, reason },
  });
};

describe('mode block', () => {
  it('refuses sign-up and sign-in from a blocked country, and lets others through', async () => {
    const berlin = from(blockDe, BERLIN_IP);
    expectBlocked(
      await berlin.post('/v1/client/sign_ups', { email_address: uniqueEmail(), password: PASSWORD }),
      'DE',
      'country_blocked',
    );
    const { email } = await createUser(blockDe);
    expectBlocked(
      await berlin.post('/v1/client/sign_ins', { identifier: email, password: PASSWORD }),
      'DE',
      'country_blocked',
    );

    const paris = from(blockDe, PARIS_IP);
    const created = await paris.post('/v1/client/sign_ups', { email_address: uniqueEmail(), password: PASSWORD });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    await signIn(paris, email);
  });

  it('refuses token minting once the same client comes from a blocked country', async () => {
    const { email } = await createUser(blockDe);
    const browser = from(blockDe, PARIS_IP);
    const { sessionId } = await signIn(browser, email);
    expect((await mintToken(browser, sessionId)).status).toBe(200);
    browser.headers = { 'x-forwarded-for': BERLIN_IP };
    expectBlocked(await mintToken(browser, sessionId), 'DE', 'country_blocked');
    // The session itself is untouched: back in an allowed country, it mints again.
    browser.headers = { 'x-forwarded-for': MOUNTAIN_VIEW_IP };
    expect((await mintToken(browser, sessionId)).status).toBe(200);
  });

  it('leaves unblocked routes alone (the environment, the client)', async () => {
    const berlin = from(blockDe, BERLIN_IP);
    expect((await berlin.get('/v1/environment')).status).toBe(200);
  });
});

describe('mode allow_only', () => {
  it('lets only the listed countries in; an address without a country follows `unknown`', async () => {
    const { email } = await createUser(allowFr);
    expectBlocked(
      await from(allowFr, MOUNTAIN_VIEW_IP).post('/v1/client/sign_ins', { identifier: email, password: PASSWORD }),
      'US',
      'country_not_allowed',
    );
    expectBlocked(
      await from(allowFr, '10.1.2.3').post('/v1/client/sign_ins', { identifier: email, password: PASSWORD }),
      null,
      'country_unknown',
    );
    await signIn(from(allowFr, PARIS_IP), email);
  });

  it('takes the socket address when no proxy is trusted: X-Forwarded-For cannot pick a country', async () => {
    const { email } = await createUser(direct);
    expectBlocked(
      await from(direct, PARIS_IP).post('/v1/client/sign_ins', { identifier: email, password: PASSWORD }),
      null,
      'country_unknown',
    );
  });

  it('takes effect when an operator changes the setting', async () => {
    const patched = await direct.backend.patch('/v1/instance/settings', {
      attack_protection: { geo_blocking: { unknown: 'allow' } },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const { email } = await createUser(direct);
    await signIn(from(direct, null), email);
  });
});

describe('settings', () => {
  it('refuses a country that is not an ISO 3166-1 alpha-2 code', async () => {
    const r = await direct.backend.patch('/v1/instance/settings', {
      attack_protection: { geo_blocking: { countries: ['Germany'] } },
    });
    expect(r.status).toBe(422);
  });
});
