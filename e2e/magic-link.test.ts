/**
 * The magic link (email_link) end to end in Chromium, same-device protection on (the default):
 * <SignIn> mails the link and shows the waiting screen; the link opened in a second tab of the
 * same browser completes the sign-in and the original tab finishes by itself; opened in another
 * browser context (another device) it shows the mismatch page and completes nothing.
 * @see issue 7 (email_link: magic link opened in a second browser context completes nothing)
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUser } from '../packages/server/test/fixtures/flows.ts';
import { launchChromium, releaseChromium, screenshot } from './fixtures/chromium.ts';
import {
  type ExampleApp,
  fillIdentifier,
  signedInHeading,
  startExampleApp,
  UI_TIMEOUT,
  visible,
} from './fixtures/example-app.ts';

describe('magic link in Chromium', () => {
  let app: ExampleApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [app, browser] = await Promise.all([
      startExampleApp({ settings: { auth: { email_address: { sign_in_with_link: true } } } }),
      launchChromium(),
    ]);
  }, 60_000);
  afterAll(async () => {
    await releaseChromium(browser);
    await app?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  /** Asks <SignIn> for a link and returns it from the dev mailbox. */
  async function requestLink(email: string): Promise<string> {
    await page.goto(`${app.url}/sign-in`);
    await fillIdentifier(page, email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await visible(page.getByRole('heading', { name: 'Check your email' }));
    const mail = await app.server.lastDevEmail(email);
    const link = /(https?:\/\/\S+\/v1\/verify\?token=[A-Za-z0-9_%-]+)/.exec(mail.text)?.[1];
    expect(link, mail.text).toBeDefined();
    return link!;
  }

  it(
    'completes in the original tab by itself once the link is opened in a second tab',
    async () => {
      const { email } = await createUser(app.server);
      const link = await requestLink(email);
      await screenshot(page, 'sign-in-email-link');

      const second = await context.newPage();
      await second.goto(link);
      expect(new URL(second.url()).searchParams.get('__clerk_status')).toBe('verified');

      await visible(signedInHeading(page, email));
    },
    UI_TIMEOUT * 4,
  );

  it(
    'opened in another browser context: the mismatch page, and nothing completes',
    async () => {
      const { email, userId } = await createUser(app.server);
      const link = await requestLink(email);

      const elsewhere = await browser.newContext();
      try {
        const other = await elsewhere.newPage();
        const response = await other.goto(link);
        expect(response?.status()).toBe(403);
        await visible(other.getByRole('heading', { name: 'Open this link on the device where you started' }));
        expect(await other.locator('main').getAttribute('data-clerk-status')).toBe('client_mismatch');
      } finally {
        await elsewhere.close();
      }
      const sessions = await app.server.backend.get(`/v1/sessions?user_id=${userId}`);
      expect(sessions.body).toEqual([]);
      await visible(page.getByRole('heading', { name: 'Check your email' }));

      // The link still works where it was asked for.
      const second = await context.newPage();
      await second.goto(link);
      await visible(signedInHeading(page, email));
    },
    UI_TIMEOUT * 4,
  );
});
