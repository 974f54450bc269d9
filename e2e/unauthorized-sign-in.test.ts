/**
 * The "This wasn't me" link of a new-device email, end to end in Chromium with the real portal
 * build: the link signs the other device out and lands on the Account Portal's confirmation
 * page at the instance's own path, themed and in the instance's words; a signed-out visitor
 * is offered sign-in (then the devices list), a signed-in one the devices list. The page runs
 * under the portal's strict CSP (a violation fails the test).
 * Writes docs/screenshots/portal-unauthorized-sign-in.png with UPDATE_SCREENSHOTS=1.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUser, mintToken, PASSWORD, signIn } from '../packages/server/test/fixtures/flows.ts';
import { codeIn, startServer, type TestServer } from '../packages/server/test/fixtures/server.ts';
import { launchChromium, localhostUrl, releaseChromium, screenshot } from './fixtures/chromium.ts';

const UI_TIMEOUT = 15_000;
const PRIMARY = '#0f766e';
const PATH = '/security/not-me';
const visible = (l: Locator) => l.waitFor({ state: 'visible', timeout: UI_TIMEOUT });

describe('Account Portal: the confirmation page of an unrecognized sign-in', () => {
  let server: TestServer;
  let portal: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[];

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServer({
        settings: {
          application_name: 'Acme',
          support_email: 'help@acme.test',
          account_portal: {
            unauthorized_sign_in_path: PATH,
            appearance: { variables: { color_primary: PRIMARY, color_text: '#112233' } },
          },
        },
      }),
      launchChromium(),
    ]);
    portal = localhostUrl(server.url);
  }, 60_000);
  afterAll(async () => {
    await releaseChromium(browser);
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

  /** A user signed in on a first device, then on a second: the alert's link, and the second device. */
  async function reportedSignIn() {
    const { email } = await createUser(server);
    await signIn(server.browser(), email);
    const other = server.browser();
    const { sessionId } = await signIn(other, email);
    const mail = await server.lastDevEmail(email);
    expect(mail.subject).toContain('New sign-in');
    const link = /(http:\/\/\S+\/v1\/unauthorized_sign_in\?token=[\w%-]+)/.exec(mail.text)?.[1];
    if (!link) throw new Error(`no revoke link in: ${mail.text}`);
    return { email, link: localhostUrl(link), other, sessionId };
  }

  it('signs the other device out and shows the themed confirmation at the instance path', async () => {
    const { link, other, sessionId } = await reportedSignIn();
    await page.goto(link);
    await page.waitForURL((u) => u.pathname === PATH, { timeout: UI_TIMEOUT });
    expect(new URL(page.url()).searchParams.get('status')).toBe('revoked');
    const heading = page.getByRole('heading', { name: 'That device was signed out' });
    await visible(heading);
    await visible(page.getByText('that device must sign in again'));
    await visible(page.getByRole('link', { name: 'help@acme.test' }));
    expect(await heading.evaluate((h) => getComputedStyle(h).color)).toBe('rgb(17, 34, 51)');
    const signInLink = page.getByRole('link', { name: 'Sign in' });
    await visible(signInLink);
    expect(await signInLink.evaluate((a) => getComputedStyle(a).color)).toBe('rgb(15, 118, 110)');
    expect(await signInLink.getAttribute('href')).toBe('/sign-in?redirect_url=%2Fuser');
    expect(await page.title()).toBe('Sign-in reported · Acme');
    expect((await mintToken(other, sessionId)).status).toBe(401);
    await screenshot(page, 'portal-unauthorized-sign-in');

    // The same link again: already used.
    await page.goto(link);
    await visible(page.getByRole('heading', { name: 'This link was already used' }));
  }, 60_000);

  it('leads a signed-out visitor through sign-in to the devices list, and offers it once signed in', async () => {
    const { email } = await createUser(server);
    await page.goto(`${portal}${PATH}?status=expired`);
    await visible(page.getByRole('heading', { name: 'This link has expired' }));
    await page.getByRole('link', { name: 'Sign in' }).click();
    await visible(page.getByRole('heading', { name: 'Sign in to Acme' }));
    // Password, then (this browser never had the user's session: Client Trust) the mailed code.
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    await visible(page.getByRole('heading', { name: 'Check your email' }));
    await page.getByLabel('Verification code').fill(codeIn(await server.lastDevEmail(email)));
    await page.waitForURL(`${portal}/user`, { timeout: UI_TIMEOUT });

    await page.goto(`${portal}${PATH}?status=invalid`);
    await visible(page.getByRole('heading', { name: 'This link is not valid' }));
    const review = page.getByRole('link', { name: 'Review your devices' });
    await visible(review);
    expect(await review.getAttribute('href')).toBe('/user');
    expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBe(0);
  }, 60_000);
});
