/**
 * Every session records the device it was created on: browser, OS and device type from the
 * User-Agent, the client IP address, and its city and country from the bundled IP database.
 * The address is the socket peer's unless the server trusts a proxy: a client cannot claim
 * another address with `X-Forwarded-For`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, signIn, signUp } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { BERLIN_IP, CHROME_MAC, FIREFOX_WINDOWS, PARIS_IP, SAFARI_IPAD, SAFARI_IPHONE } from './test-ips.ts';

let proxied: TestServer;
let direct: TestServer;
beforeAll(async () => {
  [proxied, direct] = await Promise.all([startServer({ trustProxy: true }), startServer()]);
});
afterAll(() => Promise.all([proxied.close(), direct.close()]));

const browserAt = (server: TestServer, ip: string | null, userAgent: string) => {
  const b = server.browser();
  b.headers = { 'user-agent': userAgent, ...(ip && { 'x-forwarded-for': ip }) };
  return b;
};

describe('the device of a session', () => {
  it('records browser, OS, device type, IP, city and country, in /v1/me/sessions and the Backend API', async () => {
    const browser = browserAt(proxied, BERLIN_IP, CHROME_MAC);
    const { sessionId } = await signUp(proxied, browser);

    const expected = {
      object: 'session_activity',
      browser_name: 'Chrome',
      browser_version: '120.0.0.0',
      os_name: 'Mac OS',
      device_type: 'desktop',
      is_mobile: false,
      ip_address: BERLIN_IP,
      city: 'Berlin',
      country: 'DE',
      sign_in_method: 'email_code',
    };
    const mine = await browser.get('/v1/me/sessions');
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body).toHaveLength(1);
    expect(mine.body[0].id).toBe(sessionId);
    expect(mine.body[0].latest_activity).toMatchObject(expected);
    expect(mine.body[0].latest_activity.id).toMatch(/^sess_activity_/);

    const backend = await proxied.backend.get(`/v1/sessions/${sessionId}`);
    expect(backend.status).toBe(200);
    expect(backend.body.latest_activity).toEqual(mine.body[0].latest_activity);
    const listed = await proxied.backend.get(`/v1/sessions?user_id=${backend.body.user_id}`);
    expect(listed.body[0].latest_activity).toEqual(mine.body[0].latest_activity);
  });

  it('tells a phone and a tablet from a desktop, and lists every device of the user', async () => {
    const { email, password } = await createUser(proxied);
    const phone = browserAt(proxied, PARIS_IP, SAFARI_IPHONE);
    const tablet = browserAt(proxied, BERLIN_IP, SAFARI_IPAD);
    const laptop = browserAt(proxied, PARIS_IP, FIREFOX_WINDOWS);
    for (const b of [phone, tablet, laptop]) await signIn(b, email, password);

    const sessions = (await laptop.get('/v1/me/sessions')).body as Array<{ latest_activity: Record<string, unknown> }>;
    const byBrowser = Object.fromEntries(sessions.map((s) => [s.latest_activity.os_name, s.latest_activity]));
    expect(byBrowser.iOS).toMatchObject({
      browser_name: 'Mobile Safari',
      device_type: 'mobile',
      is_mobile: true,
      city: 'Paris',
      country: 'FR',
      sign_in_method: 'password',
    });
    expect(sessions).toHaveLength(3);
    expect(sessions.map((s) => s.latest_activity.device_type).sort()).toEqual(['desktop', 'mobile', 'tablet']);
    expect(byBrowser.Windows).toMatchObject({ browser_name: 'Firefox', device_type: 'desktop', is_mobile: false });
  });

  it('ignores X-Forwarded-For when the server trusts no proxy: the socket address, located nowhere', async () => {
    const browser = browserAt(direct, BERLIN_IP, CHROME_MAC);
    const { sessionId } = await signUp(direct, browser);
    const r = await direct.backend.get(`/v1/sessions/${sessionId}`);
    expect(r.body.latest_activity).toMatchObject({ ip_address: '127.0.0.1', city: null, country: null });
  });

  it('records what it can of a client without a User-Agent', async () => {
    const browser = browserAt(proxied, PARIS_IP, '');
    const { sessionId } = await signUp(proxied, browser);
    const r = await proxied.backend.get(`/v1/sessions/${sessionId}`);
    expect(r.body.latest_activity).toMatchObject({
      browser_name: null,
      os_name: null,
      device_type: null,
      is_mobile: false,
      ip_address: PARIS_IP,
      country: 'FR',
    });
  });
});
