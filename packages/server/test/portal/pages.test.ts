/**
 * Account Portal pages: `/sign-in`, `/sign-up` and `/user` are HTML shells with the built
 * script, an inert JSON config and strict headers; `/portal/assets/*` serves only the build's
 * files, immutably cached. A disabled portal answers 404 and a missing build 503, both in the
 * error format.
 */
import { ERRORS } from '@gatehouse/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePublishableKey } from '../../src/domain/instances/publishable-key.ts';
import { jsonForScript } from '../../src/http/portal/html-shell.ts';
import { PORTAL_CSP } from '../../src/http/portal/plugin.ts';
import type { TypedApp } from '../../src/http/typed-app.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { configIn, fakePortalBuild, page, portalApp, SCRIPT, SCRIPT_BODY, STYLE } from './fixtures.ts';

let server: TestServer;
let build: ReturnType<typeof fakePortalBuild>;
let portal: { url: string; app: TypedApp };
beforeAll(async () => {
  server = await startServer({ settings: { application_name: 'Acme </title><script>alert(1)</script>' } });
  build = fakePortalBuild();
  portal = await portalApp(server, build.dir);
});
afterAll(async () => {
  await portal.app.close();
  await server.close();
  build.remove();
});

const expectErrorBody = (r: { status: number; text: string }, code: keyof typeof ERRORS) => {
  expect(r.status, r.text).toBe(ERRORS[code].status);
  expect(JSON.parse(r.text).errors[0]).toMatchObject({ code, message: ERRORS[code].message });
};

describe('portal pages', () => {
  it.each([
    ['/sign-in', 'sign-in', 'Sign in'],
    ['/sign-up', 'sign-up', 'Sign up'],
    ['/user', 'user', 'Account'],
  ] as const)('%s is an HTML shell with the built script and the page config', async (path, kind, title) => {
    const r = await page(portal.url, path);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.text).toContain(`<script type="module" src="${SCRIPT}"></script>`);
    expect(r.text).toContain(`<link rel="stylesheet" href="${STYLE}">`);
    expect(r.text).toContain(`<title>${title} · Acme &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>`);
    const config = configIn(r.text);
    expect(config).toEqual({
      page: kind,
      publishable_key: encodePublishableKey('development', server.instance.frontendApiHost),
      application_name: 'Acme </title><script>alert(1)</script>',
      after_auth_url: '/user',
      redirect_url: null,
      localization: 'en-US',
      appearance_variables: {},
    });
    // The name's markup is escaped inside the JSON block too.
    expect(r.text).toContain('Acme \\u003c/title\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e');
    // The only script elements are the module and the inert JSON block; nothing inline runs.
    expect(r.text.match(/<script/g)).toHaveLength(2);
  });

  it('sends a strict CSP, refuses framing and is never cached', async () => {
    const r = await page(portal.url, '/sign-in');
    expect(r.headers.get('content-security-policy')).toBe(PORTAL_CSP);
    expect(PORTAL_CSP).toContain("script-src 'self'");
    expect(PORTAL_CSP).not.toMatch(/script-src[^;]*unsafe/);
    expect(PORTAL_CSP).toContain("frame-ancestors 'none'");
    expect(PORTAL_CSP).toContain("default-src 'none'");
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('escapes a redirect_url that tries to close the config block', async () => {
    const evil = '/user?x=</script><script>alert(1)</script>&y=\u2028z';
    const r = await page(portal.url, `/sign-in?redirect_url=${encodeURIComponent(evil)}`);
    expect(r.status).toBe(200);
    expect(r.text).not.toContain('<script>alert(1)');
    expect(r.text.match(/<\/script>/g)).toHaveLength(2);
    // Still a valid portal path, so it is kept, and reads back exactly (URL-normalized).
    expect(configIn(r.text).redirect_url).toBe(new URL(evil, 'http://x').href.slice('http://x'.length));
  });

  it('escapes <, >, & and the JavaScript line separators in the JSON block', () => {
    expect(jsonForScript({ a: '</script>&\u2028\u2029' })).toBe('{"a":"\\u003c/script\\u003e\\u0026\\u2028\\u2029"}');
    expect(JSON.parse(jsonForScript({ a: '</script>&\u2028' }))).toEqual({ a: '</script>&\u2028' });
  });

  it('ignores unknown query parameters (utm_* and the like)', async () => {
    const r = await page(portal.url, '/sign-up?utm_source=mail&redirect_url=%2Fuser');
    expect(r.status).toBe(200);
    expect(configIn(r.text).redirect_url).toBe('/user');
  });
});

describe('portal assets', () => {
  it('serves the build files with immutable caching', async () => {
    const r = await page(portal.url, SCRIPT);
    expect(r.status).toBe(200);
    expect(r.text).toBe(SCRIPT_BODY);
    expect(r.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(r.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const css = await page(portal.url, STYLE);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it.each([
    '/portal/assets/nope.js',
    '/portal/assets/../secret.txt',
    '/portal/assets/%2e%2e%2fsecret.txt',
    '/portal/assets/..%2f.vite%2fmanifest.json',
    '/portal/.vite/manifest.json',
  ])('answers resource_not_found for %s (only files the manifest lists are served)', async (path) => {
    const r = await page(portal.url, path);
    expectErrorBody(r, 'resource_not_found');
    expect(r.text).not.toContain('not a portal file');
  });
});

describe('portal availability', () => {
  it('answers 404 resource_not_found on every page when the instance turns the portal off', async () => {
    const off = await startServer({ settings: { account_portal: { enabled: false } } });
    const app = await portalApp(off, build.dir);
    try {
      for (const path of ['/sign-in', '/sign-up', '/user'])
        expectErrorBody(await page(app.url, path), 'resource_not_found');
      // Turning it back on takes effect without a restart.
      await off.backend.patch('/v1/instance/settings', { account_portal: { enabled: true } });
      expect((await page(app.url, '/sign-in')).status).toBe(200);
    } finally {
      await app.app.close();
      await off.close();
    }
  });

  it('answers 503 account_portal_unavailable when the server has no portal build', async () => {
    const app = await portalApp(server, '/nonexistent/gatehouse-portal');
    try {
      const r = await page(app.url, '/sign-in');
      expectErrorBody(r, 'account_portal_unavailable');
      expect(JSON.parse(r.text).errors[0].long_message).toContain('npm run build -w @gatehouse/portal');
      expectErrorBody(await page(app.url, SCRIPT), 'resource_not_found');
    } finally {
      await app.app.close();
    }
  });
});
