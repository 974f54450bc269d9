/**
 * `redirect_url` on the portal pages is never an open redirect: only absolute http(s) URLs on
 * an origin the instance allows, or paths on the portal itself, are kept; anything else is
 * ignored and the page falls back to the instance's default (`after_sign_in_url` /
 * `after_sign_up_url`, else `/user`). Production instances allow no loopback origins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { configIn, fakePortalBuild, page, portalApp } from './fixtures.ts';

const APP = 'https://app.example.com';

let prod: TestServer;
let dev: TestServer;
let build: ReturnType<typeof fakePortalBuild>;
const portals: Record<'prod' | 'dev', { url: string; close(): Promise<void> }> = {} as never;
beforeAll(async () => {
  build = fakePortalBuild();
  [prod, dev] = await Promise.all([
    startServer({
      environment: 'production',
      settings: {
        allowed_origins: [APP],
        account_portal: { after_sign_in_url: `${APP}/home`, after_sign_up_url: `${APP}/welcome` },
      },
    }),
    startServer(),
  ]);
  for (const [name, server] of [
    ['prod', prod],
    ['dev', dev],
  ] as const) {
    const p = await portalApp(server, build.dir);
    portals[name] = { url: p.url, close: () => p.app.close() };
  }
});
afterAll(async () => {
  await Promise.all([portals.prod.close(), portals.dev.close()]);
  await Promise.all([prod.close(), dev.close()]);
  build.remove();
});

const configFor = async (which: 'prod' | 'dev', path: string, redirect: string) => {
  const r = await page(portals[which].url, `${path}?redirect_url=${encodeURIComponent(redirect)}`);
  expect(r.status, r.text).toBe(200);
  return configIn(r.text);
};

describe('redirect_url on portal pages', () => {
  it.each([
    [`${APP}/dashboard?tab=1#top`, `${APP}/dashboard?tab=1#top`],
    [`${APP}`, `${APP}/`],
    ['HTTPS://APP.EXAMPLE.COM/x', `${APP}/x`],
    ['/user', '/user'],
    ['/user?tab=security', '/user?tab=security'],
  ])('keeps %s (allowed origin or portal path)', async (raw, kept) => {
    const c = await configFor('prod', '/sign-in', raw);
    expect(c.redirect_url).toBe(kept);
    expect(c.after_auth_url).toBe(kept);
  });

  it.each([
    'https://evil.example',
    'https://evil.example/?https://app.example.com',
    'https://app.example.com.evil.example/',
    'https://app.example.com@evil.example/',
    'https://user:pass@app.example.com/',
    'http://app.example.com/', // same host, other scheme: another origin
    'https://app.example.com:8443/',
    'javascript:alert(document.cookie)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '//evil.example',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    '/\tevil',
    'https://app.example.com/\nx',
    'evil.example',
    ' https://app.example.com/',
    'http://localhost:3000/', // loopback is allowed on development instances only
  ])('refuses %s and falls back to the default', async (raw) => {
    const c = await configFor('prod', '/sign-in', raw);
    expect(c.redirect_url).toBeNull();
    expect(c.after_auth_url).toBe(`${APP}/home`);
  });

  it('falls back to after_sign_up_url on the sign-up page, and to /user without one', async () => {
    expect((await configFor('prod', '/sign-up', 'https://evil.example')).after_auth_url).toBe(`${APP}/welcome`);
    expect((await configFor('dev', '/sign-up', 'https://evil.example')).after_auth_url).toBe('/user');
    expect((await configFor('dev', '/sign-in', 'javascript:alert(1)')).after_auth_url).toBe('/user');
  });

  it('allows loopback apps on a development instance, as its Frontend API does', async () => {
    expect((await configFor('dev', '/sign-in', 'http://localhost:5173/app')).redirect_url).toBe(
      'http://localhost:5173/app',
    );
    expect((await configFor('dev', '/sign-in', 'https://evil.example')).redirect_url).toBeNull();
  });

  it('refuses an overlong redirect_url (over 2048 characters) and rejects absurd ones (over 8192) as a bad parameter', async () => {
    const long = `${APP}/${'a'.repeat(2100)}`;
    expect((await configFor('prod', '/sign-in', long)).redirect_url).toBeNull();
    const r = await page(portals.prod.url, `/sign-in?redirect_url=${'a'.repeat(9000)}`);
    expect(r.status).toBe(422);
    expect(JSON.parse(r.text).errors[0]).toMatchObject({
      code: 'form_param_format_invalid',
      meta: { param_name: 'redirect_url' },
    });
  });
});

describe('display_config', () => {
  it('points at the portal pages and the after-sign-in defaults the portal uses', async () => {
    const env = (await prod.browser({ origin: null }).request('GET', '/v1/environment')).body;
    const base = prod.instance.frontendApiUrl;
    expect(env.display_config).toMatchObject({
      sign_in_url: `${base}/sign-in`,
      sign_up_url: `${base}/sign-up`,
      user_profile_url: `${base}/user`,
      after_sign_in_url: `${APP}/home`,
      after_sign_up_url: `${APP}/welcome`,
      after_sign_out_all_url: `${base}/sign-in`,
    });
    const devEnv = (await dev.browser({ origin: null }).request('GET', '/v1/environment')).body;
    expect(devEnv.display_config.after_sign_in_url).toBe(`${dev.instance.frontendApiUrl}/user`);
    expect(devEnv.display_config.after_sign_up_url).toBe(`${dev.instance.frontendApiUrl}/user`);
  });
});
