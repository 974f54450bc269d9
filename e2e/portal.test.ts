/**
 * The hosted Account Portal end to end in Chromium, with the real portal build: an app with no
 * React links to the portal's /sign-in with `redirect_url` back to itself; the user signs up
 * (email code from the dev mailbox) and lands back on the app with the session active; a
 * redirect_url on a disallowed origin lands on the portal's own account page instead; /user
 * shows the account and signs out back to sign-in. The page runs under its strict CSP (a
 * violation fails the test) and wears the instance's theme.
 * Writes docs/screenshots/portal-*.png with UPDATE_SCREENSHOTS=1.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUser, PASSWORD, uniqueEmail } from '../packages/server/test/fixtures/flows.ts';
import { codeIn, startServer, type TestServer } from '../packages/server/test/fixtures/server.ts';
import { launchChromium, localhostUrl, releaseChromium, screenshot } from './fixtures/chromium.ts';

const UI_TIMEOUT = 15_000;
const PRIMARY = '#0f766e';
const visible = (l: Locator) => l.waitFor({ state: 'visible', timeout: UI_TIMEOUT });

/** A site with no React at all: every page links to the portal's sign-in, asking to come back to /back. */
function startPlainApp(portalUrl: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const self = `http://${req.headers.host}`;
    const signIn = `${portalUrl}/sign-in?redirect_url=${encodeURIComponent(`${self}/back`)}`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><title>Plain app</title><h1>${req.url === '/back' ? 'Back in the app' : 'Plain app'}</h1>` +
        `<a href="${signIn}">Sign in</a>`,
    );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://localhost:${(server.address() as AddressInfo).port}`, server }),
    ),
  );
}

/** What the Frontend API says about this browser's client, asked from the page (its cookies, its origin). */
const clientSeenFrom = (page: Page, portalUrl: string) =>
  page.evaluate(async (fapi) => {
    const r = await fetch(`${fapi}/v1/client`, { credentials: 'include' });
    const body = await r.json();
    const client = body.response ?? body.client;
    return {
      status: r.status,
      sessions: (client?.sessions ?? []).map(
        (s: { status: string; user: { email_addresses: { email_address: string }[] } }) => ({
          status: s.status,
          email: s.user.email_addresses[0]?.email_address,
        }),
      ),
    };
  }, portalUrl);

describe('Account Portal: the redirect flow of an app without React', () => {
  let server: TestServer;
  let portal: string;
  let app: { url: string; server: Server };
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[];

  beforeAll(async () => {
    // The plain app's port is only known once it listens; it is added to allowed_origins then.
    [server, browser] = await Promise.all([
      startServer({
        settings: {
          application_name: 'Acme',
          account_portal: { appearance: { variables: { color_primary: PRIMARY, border_radius: '4px' } } },
        },
      }),
      launchChromium(),
    ]);
    portal = localhostUrl(server.url);
    app = await startPlainApp(portal);
    const r = await server.backend.patch('/v1/instance/settings', { allowed_origins: [app.url] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await releaseChromium(browser);
    await new Promise((r) => app?.server.close(r));
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    page = await context.newPage();
    cspViolations = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
  });
  afterEach(async () => {
    await context?.close();
    expect(cspViolations).toEqual([]);
  });

  /** Password, then (this browser never had the user's session: Client Trust) the mailed code. */
  async function signInOnPortal(email: string) {
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    await visible(page.getByRole('heading', { name: 'Check your email' }));
    await page.getByLabel('Verification code').fill(codeIn(await server.lastDevEmail(email)));
  }

  it('signs up through the portal and lands back on the app, signed in', async () => {
    const email = uniqueEmail('portal');
    await page.goto(app.url);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await visible(page.getByRole('heading', { name: 'Sign in to Acme' }));
    expect(new URL(page.url()).searchParams.get('redirect_url')).toBe(`${app.url}/back`);
    // Themed per instance: the primary colour is the instance's.
    const background = await page
      .getByRole('button', { name: 'Continue' })
      .evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(background).toBe('rgb(15, 118, 110)');
    await screenshot(page, 'portal-sign-in');

    // The sign-up link keeps the way back.
    await page.getByRole('link', { name: 'Sign up' }).click();
    await visible(page.getByRole('heading', { name: 'Create your account' }));
    expect(new URL(page.url()).pathname).toBe('/sign-up');
    expect(new URL(page.url()).searchParams.get('redirect_url')).toBe(`${app.url}/back`);
    await screenshot(page, 'portal-sign-up');

    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    await visible(page.getByRole('heading', { name: 'Verify your email' }));
    await page.getByLabel('Verification code').fill(codeIn(await server.lastDevEmail(email)));

    await page.waitForURL(`${app.url}/back`, { timeout: UI_TIMEOUT });
    await visible(page.getByRole('heading', { name: 'Back in the app' }));
    // The app sees the signed-in state: `__client_uat` is set on its host, and the Frontend API
    // knows this browser's session when asked from the app's page.
    const uat = await page.evaluate(() => /(?:^|; )__client_uat=(\d+)/.exec(document.cookie)?.[1] ?? null);
    expect(Number(uat)).toBeGreaterThan(0);
    expect(await clientSeenFrom(page, portal)).toEqual({ status: 200, sessions: [{ status: 'active', email }] });

    // Signed in already: the portal sends the visitor straight on, without a form.
    await page.goto(`${portal}/sign-in?redirect_url=${encodeURIComponent(`${app.url}/again`)}`);
    await page.waitForURL(`${app.url}/again`, { timeout: UI_TIMEOUT });
    await visible(page.getByRole('heading', { name: 'Plain app' }));
  });

  it('ignores a redirect_url on a disallowed origin and lands on the account page; signs out to sign-in', async () => {
    const { email } = await createUser(server);
    await page.goto(`${portal}/sign-in?redirect_url=${encodeURIComponent('https://evil.example/')}`);
    await visible(page.getByRole('heading', { name: 'Sign in to Acme' }));
    // The sign-up link does not carry the refused URL along either.
    expect(await page.getByRole('link', { name: 'Sign up' }).getAttribute('href')).toBe('/sign-up');
    await signInOnPortal(email);

    await page.waitForURL(`${portal}/user`, { timeout: UI_TIMEOUT });
    await visible(page.getByRole('heading', { name: 'Account', exact: true }));
    await visible(page.getByText(email).first());
    expect(await clientSeenFrom(page, portal)).toEqual({ status: 200, sessions: [{ status: 'active', email }] });
    await screenshot(page, 'portal-user-profile');

    await page.getByRole('button', { name: 'Open user menu' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL((u) => u.pathname === '/sign-in', { timeout: UI_TIMEOUT });
    await visible(page.getByRole('heading', { name: 'Sign in to Acme' }));
    expect((await clientSeenFrom(page, portal)).sessions).toEqual([]);
  });

  it('sends a signed-out visitor of /user to sign-in, and back to /user afterwards', async () => {
    const { email } = await createUser(server);
    await page.goto(`${portal}/user`);
    await page.waitForURL((u) => u.pathname === '/sign-in', { timeout: UI_TIMEOUT });
    expect(new URL(page.url()).searchParams.get('redirect_url')).toBe('/user');
    await visible(page.getByRole('heading', { name: 'Sign in to Acme' }));
    await signInOnPortal(email);
    await page.waitForURL(`${portal}/user`, { timeout: UI_TIMEOUT });
    await visible(page.getByText(email).first());
  });
});
