/**
 * Where a new-device email's "This wasn't me" link lands: the Account Portal's confirmation
 * page, at the path the instance chose (`account_portal.unauthorized_sign_in_path`, changeable
 * at run time), carrying the link's outcome in its page config; the server-rendered stand-in
 * when the server has no portal build; nothing (404) with the portal off, where the link
 * answers in plain text. A HEAD on the link (a mail scanner) never signs the device out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_CSP } from '../../src/http/portal/plugin.ts';
import { createUser, mintToken, signIn } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { configIn, fakePortalBuild, page, portalApp, SCRIPT } from '../portal/fixtures.ts';
import { BERLIN_IP, CHROME_MAC, PARIS_IP, SAFARI_IPHONE } from './test-ips.ts';

const SUPPORT = 'help@acme.test';
const CUSTOM = '/account/not-me';
let server: TestServer;
let noPortal: TestServer;
let build: ReturnType<typeof fakePortalBuild>;
let emptyDir: string;
/** `server`'s instance through an app with the (stand-in) portal build, and one with none. */
let portal: Awaited<ReturnType<typeof portalApp>>;
let unbuilt: Awaited<ReturnType<typeof portalApp>>;
beforeAll(async () => {
  [server, noPortal] = await Promise.all([
    startServer({
      smtp: true,
      trustProxy: true,
      settings: {
        application_name: 'Acme',
        support_email: SUPPORT,
        account_portal: { unauthorized_sign_in_path: CUSTOM },
      },
    }),
    startServer({ smtp: true, trustProxy: true, settings: { account_portal: { enabled: false } } }),
  ]);
  build = fakePortalBuild();
  emptyDir = mkdtempSync(join(tmpdir(), 'gatehouse-no-portal-'));
  [portal, unbuilt] = await Promise.all([portalApp(server, build.dir), portalApp(server, emptyDir)]);
}, 120_000);
afterAll(async () => {
  await Promise.all([portal.app.close(), unbuilt.app.close()]);
  await Promise.all([server.close(), noPortal.close()]);
  build.remove();
  rmSync(emptyDir, { recursive: true, force: true });
});

const device = (s: TestServer, ip: string, userAgent: string): Browser => {
  const b = s.browser();
  b.headers = { 'user-agent': userAgent, 'x-forwarded-for': ip };
  return b;
};

/** A user signed in at home and then on a second device: the alert's revoke link (a path) and that device. */
async function reportedSignIn(s: TestServer) {
  const { email } = await createUser(s);
  await signIn(device(s, BERLIN_IP, CHROME_MAC), email);
  const intruder = device(s, PARIS_IP, SAFARI_IPHONE);
  const { sessionId } = await signIn(intruder, email);
  const mail = s.smtp!.messages.find((m) => m.to.includes(email) && m.subject.includes('New sign-in'));
  const m = mail && /(http:\/\/\S+\/v1\/unauthorized_sign_in\?token=[\w%-]+)/.exec(mail.text);
  if (!m) throw new Error(`no revoke link for ${email}`);
  const url = new URL(m[1]!);
  return { link: `${url.pathname}${url.search}`, intruder, sessionId };
}

const setPath = async (path: string) => {
  const r = await server.backend.patch('/v1/instance/settings', {
    account_portal: { unauthorized_sign_in_path: path },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
};

describe('the confirmation page at the instance path', () => {
  it('the link signs the device out and lands on the portal page at the custom path', async () => {
    const { link, intruder, sessionId } = await reportedSignIn(server);
    const r = await fetch(server.url + link, { redirect: 'manual' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`${server.url}${CUSTOM}?status=revoked`);
    expect((await mintToken(intruder, sessionId)).status).toBe(401);

    const landed = await page(portal.url, `${CUSTOM}?status=revoked`);
    expect(landed.status).toBe(200);
    expect(landed.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(landed.headers.get('content-security-policy')).toBe(PORTAL_CSP);
    expect(landed.headers.get('cache-control')).toBe('no-store');
    expect(landed.text).toContain(`<script type="module" src="${SCRIPT}"></script>`);
    expect(landed.text).toContain('<title>Sign-in reported · Acme</title>');
    expect(configIn(landed.text)).toMatchObject({
      page: 'unauthorized-sign-in',
      application_name: 'Acme',
      unauthorized_sign_in: { status: 'revoked', support_email: SUPPORT },
    });
    // The router's trailing-slash tolerance holds here too.
    expect((await page(portal.url, `${CUSTOM}/?status=used`)).status).toBe(200);
  });

  it('carries each outcome, and reads an unknown or missing one as invalid', async () => {
    for (const status of ['revoked', 'used', 'expired', 'invalid'])
      expect(configIn((await page(portal.url, `${CUSTOM}?status=${status}`)).text).unauthorized_sign_in?.status).toBe(
        status,
      );
    for (const query of ['?status=%3Cscript%3E', '', '?status=revoked2'])
      expect(configIn((await page(portal.url, `${CUSTOM}${query}`)).text).unauthorized_sign_in?.status).toBe('invalid');
  });

  it('answers 404 at the default path and at other paths while the instance uses its own', async () => {
    for (const path of ['/unauthorized-sign-in?status=revoked', '/account', '/account/not-me/too', '/nothing-here']) {
      const r = await page(portal.url, path);
      expect(r.status, path).toBe(404);
      expect(JSON.parse(r.text).errors[0].code).toBe('resource_not_found');
    }
  });

  it('follows a change of the path at once, and serves the default path by default', async () => {
    await setPath('/unauthorized-sign-in');
    try {
      const { link } = await reportedSignIn(server);
      const r = await fetch(server.url + link, { redirect: 'manual' });
      expect(r.headers.get('location')).toBe(`${server.url}/unauthorized-sign-in?status=revoked`);
      const landed = await page(portal.url, '/unauthorized-sign-in?status=revoked');
      expect(landed.status).toBe(200);
      expect(configIn(landed.text)).toMatchObject({
        page: 'unauthorized-sign-in',
        unauthorized_sign_in: { status: 'revoked' },
      });
      expect((await page(portal.url, CUSTOM)).status).toBe(404);
    } finally {
      await setPath(CUSTOM);
    }
  });

  it('refuses a path the server already serves', async () => {
    for (const path of ['/v1/client', '/sign-in', '/user', '/portal/assets/x', '/.well-known/jwks.json']) {
      const r = await server.backend.patch('/v1/instance/settings', {
        account_portal: { unauthorized_sign_in_path: path },
      });
      expect(r.status, path).toBe(422);
    }
  });

  it('stands in with the server-rendered page when the server has no portal build', async () => {
    const r = await page(unbuilt.url, `${CUSTOM}?status=revoked`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.text).toContain('That device was signed out');
    expect(r.text).toContain(`mailto:${SUPPORT}`);
    expect(r.text).not.toContain('<script');
    const forged = await page(unbuilt.url, `${CUSTOM}?status=<script>`);
    expect(forged.text).toContain('This link is not valid');
    expect(forged.text).not.toContain('<script');
  });

  it('leaves every other unknown GET a 404 in the error format', async () => {
    for (const path of ['/v1/nope', '/x.html', '/%2e%2e/etc/passwd']) {
      const r = await page(server.url, path);
      expect(r.status, path).toBe(404);
      expect(JSON.parse(r.text).errors[0].code).toBe('resource_not_found');
    }
  });
});

describe('without the Account Portal', () => {
  it('the link answers in plain text and the page path is a 404', async () => {
    const { link } = await reportedSignIn(noPortal);
    const r = await noPortal.browser({ origin: null }).get(link);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/plain');
    expect((await page(noPortal.url, '/unauthorized-sign-in?status=revoked')).status).toBe(404);
  });
});

describe('a HEAD on the link (a mail scanner)', () => {
  it('changes nothing: the device stays signed in and the link still works once', async () => {
    const { link, intruder, sessionId } = await reportedSignIn(server);
    for (let i = 0; i < 2; i++) {
      const head = await fetch(server.url + link, { method: 'HEAD', redirect: 'manual' });
      expect(head.status).toBe(200);
      expect(head.headers.get('cache-control')).toBe('no-store');
    }
    expect((await mintToken(intruder, sessionId)).status).toBe(200);
    expect((await server.backend.get(`/v1/sessions/${sessionId}`)).body.status).toBe('active');

    const r = await fetch(server.url + link, { redirect: 'manual' });
    expect(r.headers.get('location')).toBe(`${server.url}${CUSTOM}?status=revoked`);
    expect((await mintToken(intruder, sessionId)).status).toBe(401);
  });

  it('changes nothing without the portal either', async () => {
    const { link, intruder, sessionId } = await reportedSignIn(noPortal);
    expect((await fetch(noPortal.url + link, { method: 'HEAD' })).status).toBe(200);
    expect((await mintToken(intruder, sessionId)).status).toBe(200);
    expect((await noPortal.browser({ origin: null }).get(link)).status).toBe(200);
    expect((await mintToken(intruder, sessionId)).status).toBe(401);
  });
});
