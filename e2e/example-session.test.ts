/**
 * The example app's session over time and across tabs, in Chromium: a signed-in tab outlives
 * its session token (5 s, the shortest the server allows; the test waits for real) and keeps
 * calling the API with fresh tokens; a sign-out in one tab reaches the other at once.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUser, PASSWORD } from '../packages/server/test/fixtures/flows.ts';
import { launchChromium, releaseChromium } from './fixtures/chromium.ts';
import {
  type ExampleApp,
  signedInHeading,
  signedOutHeading,
  signInThroughUi,
  startExampleApp,
  tokenTimes,
  visible,
} from './fixtures/example-app.ts';

const TOKEN_LIFETIME_SECONDS = 5;
/** @gatehouse/backend's default clock skew: a token is refused only this long after its `exp`. */
const VERIFIER_SKEW_MS = 5_000;

describe('example app: a session outlives its tokens, and tabs follow each other', () => {
  let app: ExampleApp;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    [app, browser] = await Promise.all([
      startExampleApp({ settings: { sessions: { token_lifetime_seconds: TOKEN_LIFETIME_SECONDS } } }),
      launchChromium(),
    ]);
  }, 60_000);
  afterAll(async () => {
    await releaseChromium(browser);
    await app?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext();
  });
  afterEach(async () => {
    await context?.close();
  });

  it('stays signed in past the session token expiry: getToken() mints a fresh token and the API still answers', async () => {
    const { email, userId } = await createUser(app.server);
    const page = await context.newPage();
    await signInThroughUi(page, app, email, PASSWORD);
    const callApi = async () => {
      const [response] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/api/me'),
        page.getByRole('button', { name: 'GET /api/me with my session token' }).click(),
      ]);
      const token = ((await response.request().headerValue('authorization')) ?? '').replace(/^Bearer /, '');
      return { status: response.status(), body: await response.json(), token };
    };

    const first = await callApi();
    expect(first.status).toBe(200);
    expect(first.body.userId).toBe(userId);
    const firstTimes = tokenTimes(first.token);
    expect(firstTimes.exp - firstTimes.iat).toBe(TOKEN_LIFETIME_SECONDS);

    // The one real wait: until the first token is past its expiry and the verifier's skew.
    const until = firstTimes.exp * 1000 + VERIFIER_SKEW_MS + 1_000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, until - Date.now())));
    const stale = await fetch(`${app.url}/api/me`, { headers: { authorization: `Bearer ${first.token}` } });
    expect(stale.status).toBe(401);

    const second = await callApi();
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.token).not.toBe(first.token);
    const secondTimes = tokenTimes(second.token);
    expect(secondTimes.sid).toBe(firstTimes.sid);
    expect(secondTimes.iat).toBeGreaterThanOrEqual(firstTimes.exp);
    await visible(signedInHeading(page, email));
  }, 60_000);

  it('signing out in one tab signs out the other tab of the same browser, without a reload', async () => {
    const { email } = await createUser(app.server);
    const first = await context.newPage();
    await signInThroughUi(first, app, email, PASSWORD);
    const second = await context.newPage();
    await second.goto(app.url);
    await visible(signedInHeading(second, email));
    // A mark on the second tab's window: it survives only if the tab is never reloaded.
    await second.evaluate(() => {
      (window as { tabMark?: string }).tabMark = 'still here';
    });
    const navigations: string[] = [];
    second.on('framenavigated', (frame) => {
      if (frame === second.mainFrame()) navigations.push(frame.url());
    });

    await first.getByRole('button', { name: 'Open user menu' }).click();
    await first.getByRole('menuitem', { name: 'Sign out' }).click();
    await visible(signedOutHeading(first));

    await visible(signedOutHeading(second));
    expect(await second.evaluate(() => (window as { tabMark?: string }).tabMark)).toBe('still here');
    expect(navigations).toEqual([]);
    expect(await second.getByRole('button', { name: 'Open user menu' }).count()).toBe(0);
  });
});
