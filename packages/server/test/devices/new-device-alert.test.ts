/**
 * The new-device sign-in alert, read from the real SMTP message: sent for a sign-in on a
 * client the user never had a session on, once the user has signed in before; never for the
 * first sign-in after sign-up, nor on a known device. Its "This wasn't me" link signs out
 * that one session at once, works once, and refuses a changed or expired token. The page it
 * lands on is tested in unauthorized-sign-in-page.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, mintToken, signIn, signUp, uniqueEmail } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import type { ReceivedMail } from '../fixtures/smtp-sink.ts';
import { BERLIN_IP, CHROME_MAC, PARIS_IP, SAFARI_IPHONE } from './test-ips.ts';

const SUPPORT = 'help@acme.test';
let server: TestServer;
let noPortal: TestServer;
let off: TestServer;
beforeAll(async () => {
  [server, noPortal, off] = await Promise.all([
    startServer({ smtp: true, trustProxy: true, settings: { application_name: 'Acme', support_email: SUPPORT } }),
    startServer({ smtp: true, trustProxy: true, settings: { account_portal: { enabled: false } } }),
    startServer({ smtp: true, settings: { attack_protection: { new_device_alerts: { enabled: false } } } }),
  ]);
});
afterAll(() => Promise.all([server.close(), noPortal.close(), off.close()]));

const device = (s: TestServer, ip: string, userAgent: string): Browser => {
  const b = s.browser();
  b.headers = { 'user-agent': userAgent, 'x-forwarded-for': ip };
  return b;
};

const alertsTo = (s: TestServer, email: string): ReceivedMail[] =>
  s.smtp!.messages.filter((m) => m.to.includes(email) && m.subject.includes('New sign-in'));

/** The revoke link of an alert, as a path on the server. */
const revokeLink = (mail: ReceivedMail): string => {
  const m = /(http:\/\/\S+\/v1\/unauthorized_sign_in\?token=[\w%-]+)/.exec(mail.text);
  if (!m) throw new Error(`no revoke link in: ${mail.text}`);
  const url = new URL(m[1]!);
  return `${url.pathname}${url.search}`;
};

describe('when the alert goes out', () => {
  it('not for the first sign-in after sign-up, then once per new device, never on a known one', async () => {
    const signedUp = await signUp(server, device(server, BERLIN_IP, CHROME_MAC));
    // The first sign-in after sign-up, on another device: no alert.
    const phone = device(server, PARIS_IP, SAFARI_IPHONE);
    await signIn(phone, signedUp.email);
    expect(alertsTo(server, signedUp.email)).toHaveLength(0);

    // A second new device: alert.
    const laptop = device(server, PARIS_IP, CHROME_MAC);
    await signIn(laptop, signedUp.email);
    expect(alertsTo(server, signedUp.email)).toHaveLength(1);

    // The phone again, after signing out: a known device, no alert.
    expect((await phone.request('DELETE', '/v1/client/sessions')).status).toBe(200);
    await signIn(phone, signedUp.email);
    expect(alertsTo(server, signedUp.email)).toHaveLength(1);
  });

  it('not for a user created by the Backend API signing in for the first time', async () => {
    const { email } = await createUser(server);
    await signIn(device(server, BERLIN_IP, CHROME_MAC), email);
    expect(alertsTo(server, email)).toHaveLength(0);
  });

  it('not when the instance turned alerts off', async () => {
    const { email } = await createUser(off);
    await signIn(off.browser(), email);
    await signIn(off.browser(), email);
    expect(alertsTo(off, email)).toHaveLength(0);
  });
});

describe('the alert and its link', () => {
  let email: string;
  let home: Browser;
  let homeSession: string;
  let intruder: Browser;
  let intruderSession: string;
  let mail: ReceivedMail;

  beforeAll(async () => {
    const user = await createUser(server, uniqueEmail('owner'));
    email = user.email;
    home = device(server, BERLIN_IP, CHROME_MAC);
    homeSession = (await signIn(home, email)).sessionId;
    intruder = device(server, PARIS_IP, SAFARI_IPHONE);
    intruderSession = (await signIn(intruder, email)).sessionId;
    const alerts = alertsTo(server, email);
    expect(alerts).toHaveLength(1);
    mail = alerts[0]!;
  });

  it('tells what signed in, where, how and when, and how to reach support', () => {
    expect(mail.subject).toBe('New sign-in to your Acme account');
    expect(mail.text).toContain('Device: Mobile: Mobile Safari 17 on iOS');
    expect(mail.text).toContain('Location: Paris, FR');
    expect(mail.text).toContain(`IP address: ${PARIS_IP}`);
    expect(mail.text).toContain('Sign-in method: Password');
    expect(mail.text).toMatch(/Time: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT/);
    expect(mail.text).toContain(`Questions? Write to ${SUPPORT}.`);
    expect(mail.html).toContain("This wasn't me: sign out that device");
    expect(mail.html).toContain(`href="${server.url}/v1/unauthorized_sign_in?token=`);
    expect(mail.from).toContain('no-reply@gatehouse.localhost');
  });

  it('signs out only that device, at once; it must sign in again', async () => {
    expect((await mintToken(intruder, intruderSession)).status).toBe(200);
    const r = await server.browser({ origin: null }).get(revokeLink(mail));
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`${server.url}/unauthorized-sign-in?status=revoked`);

    const refused = await mintToken(intruder, intruderSession);
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].code).toBe('session_not_active');
    expect((await server.backend.get(`/v1/sessions/${intruderSession}`)).body.status).toBe('revoked');
    // The owner's own device stays signed in.
    expect((await mintToken(home, homeSession)).status).toBe(200);
    // The event is recorded (user and session), and the token never reaches the logs.
    const token = new URL(`http://x${revokeLink(mail)}`).searchParams.get('token')!;
    const logged = server.logs.filter((l) => l.includes('unauthorized sign-in reported: session revoked'));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({ session_id: intruderSession, user_id: expect.any(String) });
    expect(server.logs.some((l) => l.includes(token))).toBe(false);

    // The device signs in again, and gets a working session.
    const again = await signIn(intruder, email);
    expect((await mintToken(intruder, again.sessionId)).status).toBe(200);
  });

  it('refuses a second use with a clear page', async () => {
    const r = await server.browser({ origin: null }).get(revokeLink(mail));
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`${server.url}/unauthorized-sign-in?status=used`);
  });

  it('refuses a changed token and a missing one', async () => {
    const link = revokeLink(mail);
    const tampered = `${link.slice(0, -2)}${link.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const path of [tampered, '/v1/unauthorized_sign_in', '/v1/unauthorized_sign_in?token=x']) {
      const r = await server.browser({ origin: null }).get(path);
      expect(r.status).toBe(303);
      expect(r.headers.get('location')).toBe(`${server.url}/unauthorized-sign-in?status=invalid`);
    }
  });
});

describe('a link after 7 days, and without the portal', () => {
  it('refuses an expired link, leaving the session signed in', async () => {
    const { email } = await createUser(server);
    await signIn(device(server, BERLIN_IP, CHROME_MAC), email);
    const other = device(server, PARIS_IP, CHROME_MAC);
    const { sessionId } = await signIn(other, email);
    const [mail] = alertsTo(server, email);
    server.clock.advance(7 * 24 * 3600 * 1000 + 1000);
    try {
      const r = await server.browser({ origin: null }).get(revokeLink(mail!));
      expect(r.headers.get('location')).toBe(`${server.url}/unauthorized-sign-in?status=expired`);
      expect((await server.backend.get(`/v1/sessions/${sessionId}`)).body.status).not.toBe('revoked');
    } finally {
      server.clock.advance(-(7 * 24 * 3600 * 1000 + 1000));
    }
  });

  it('answers in plain text when the Account Portal is off: 200 once, 410 after', async () => {
    const { email } = await createUser(noPortal);
    await signIn(device(noPortal, BERLIN_IP, CHROME_MAC), email);
    const other = device(noPortal, PARIS_IP, CHROME_MAC);
    const { sessionId } = await signIn(other, email);
    const link = revokeLink(alertsTo(noPortal, email)[0]!);
    const first = await noPortal.browser({ origin: null }).get(link);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/plain');
    expect(first.body).toContain('That device was signed out');
    expect((await mintToken(other, sessionId)).status).toBe(401);
    const second = await noPortal.browser({ origin: null }).get(link);
    expect(second.status).toBe(410);
    expect(second.body).toContain('This link was already used');
  });

  it('lets one of two simultaneous uses win', async () => {
    const { email } = await createUser(noPortal);
    await signIn(device(noPortal, BERLIN_IP, CHROME_MAC), email);
    await signIn(device(noPortal, PARIS_IP, CHROME_MAC), email);
    const link = revokeLink(alertsTo(noPortal, email)[0]!);
    const results = await Promise.all(Array.from({ length: 5 }, () => noPortal.browser({ origin: null }).get(link)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 410, 410, 410, 410]);
  });
});
