/**
 * The example app end to end in Chromium: sign-up with the email code from the dev mailbox,
 * sign-in, sign-out, the protected API called with getToken(), and the errors a user sees.
 * Also writes the components' screenshots to docs/screenshots/ with UPDATE_SCREENSHOTS=1.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUser, PASSWORD, uniqueEmail } from '../packages/server/test/fixtures/flows.ts';
import { launchChromium, releaseChromium, screenshot } from './fixtures/chromium.ts';
import {
  createNamedUser,
  devMailCode,
  type ExampleApp,
  fieldError,
  fillIdentifier,
  signedInHeading,
  signedOutHeading,
  signInThroughUi,
  startExampleApp,
  visible,
} from './fixtures/example-app.ts';

describe('example app: sign-up, sign-in, sign-out and the protected API', () => {
  let app: ExampleApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startExampleApp(), launchChromium()]);
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

  /** Fills the sign-up form and waits for the code step. */
  async function startSignUp(email: string) {
    await page.goto(`${app.url}/sign-up`);
    await visible(page.getByRole('heading', { name: 'Create your account' }));
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    await visible(page.getByRole('heading', { name: 'Verify your email' }));
    return page.getByLabel('Verification code');
  }

  it('signs up with the email code read from the dev mailbox, and lands signed in', async () => {
    const email = 'ada.lovelace@example.com';
    await page.goto(`${app.url}/sign-up`);
    await visible(page.getByRole('heading', { name: 'Create your account' }));
    await screenshot(page, 'sign-up');

    const codeField = await startSignUp(email);
    await screenshot(page, 'sign-up-code');
    const code = await devMailCode(app.server, email);
    await codeField.fill(code); // six digits submit by themselves

    await visible(signedInHeading(page, email));
    const users = await app.server.backend.get(`/v1/users?email_address=${encodeURIComponent(email)}`);
    expect(users.status).toBe(200);
    expect(
      users.body.map((u: { email_addresses: { email_address: string }[] }) => u.email_addresses[0]?.email_address),
    ).toEqual([email]);
  });

  it('signs in with email and password, then the emailed code on a browser the user never used (Client Trust)', async () => {
    const { email, userId } = await createUser(app.server);
    await page.goto(`${app.url}/sign-in`);
    await visible(page.getByLabel('Email address'));
    await screenshot(page, 'sign-in');

    await fillIdentifier(page, email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();

    await visible(page.getByRole('heading', { name: 'Check your email' }));
    await screenshot(page, 'sign-in-client-trust');
    expect(await app.server.backend.get(`/v1/sessions?user_id=${userId}&status=active`)).toMatchObject({ body: [] });
    await page.getByLabel('Verification code').fill(await devMailCode(app.server, email));

    await visible(signedInHeading(page, email));
    const sessions = await app.server.backend.get(`/v1/sessions?user_id=${userId}&status=active`);
    expect(sessions.status).toBe(200);
    expect(sessions.body).toHaveLength(1);
  });

  it('signs out from the user button, for good (a reload stays signed out)', async () => {
    const { email, userId } = await createNamedUser(app.server, 'Grace', 'Hopper', PASSWORD);
    await signInThroughUi(page, app, email, PASSWORD);

    await page.getByRole('button', { name: 'Open user menu' }).click();
    await visible(page.getByRole('menu', { name: 'User menu' }));
    await screenshot(page, 'user-button');
    await page.getByRole('menuitem', { name: 'Sign out' }).click();

    await visible(signedOutHeading(page));
    expect((await context.cookies(app.url)).find((c) => c.name === '__session')).toBeUndefined();
    await page.reload();
    await visible(signedOutHeading(page));
    const sessions = await app.server.backend.get(`/v1/sessions?user_id=${userId}&status=active`);
    expect(sessions.body).toHaveLength(0);
  });

  it('calls the protected API with the token from getToken() and shows its answer', async () => {
    const { email, userId } = await createUser(app.server);
    await signInThroughUi(page, app, email, PASSWORD);

    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/me'),
      page.getByRole('button', { name: 'GET /api/me with my session token' }).click(),
    ]);
    expect(response.status()).toBe(200);
    const authorization = await response.request().headerValue('authorization');
    expect(authorization).toMatch(/^Bearer ey/);
    await visible(page.getByText('with token: HTTP 200'));
    const shown = JSON.parse((await page.getByTestId('api-body').textContent()) ?? '');
    expect(shown.userId).toBe(userId);
    expect(shown.sessionId).toMatch(/^sess_/);
  });

  it('the protected API refuses a request without a token with 401', async () => {
    const { email } = await createUser(app.server);
    await signInThroughUi(page, app, email, PASSWORD);

    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/me'),
      page.getByRole('button', { name: 'GET /api/me without a token' }).click(),
    ]);
    expect(response.status()).toBe(401);
    expect(await response.request().headerValue('authorization')).toBeNull();
    await visible(page.getByText('without token: HTTP 401'));
    const shown = JSON.parse((await page.getByTestId('api-body').textContent()) ?? '');
    expect(shown.errors[0].code).toBe('signed_out');
  });

  it('shows the account page (user profile) of the signed-in user', async () => {
    const { email } = await createNamedUser(app.server, 'Katherine', 'Johnson', PASSWORD);
    await signInThroughUi(page, app, email, PASSWORD);
    await page.getByRole('button', { name: 'Open user menu' }).click();
    await page.getByRole('menuitem', { name: 'Manage account' }).click();

    await visible(page.getByRole('heading', { name: 'Account', exact: true }));
    await visible(page.getByText(email).first());
    await expect.poll(() => page.getByLabel('First name').inputValue()).toBe('Katherine');
    await screenshot(page, 'user-profile');
  });

  it('an incorrect email code shows its error beside the code field', async () => {
    const email = uniqueEmail('badcode');
    const codeField = await startSignUp(email);
    const real = await devMailCode(app.server, email);
    const wrong = String((Number(real) + 1) % 1_000_000).padStart(6, '0');
    await codeField.fill(wrong);

    const error = await fieldError(codeField);
    expect(error.invalid).toBe('true');
    expect(error.message).toMatch(/incorrect/i);
    await expect(signedInHeading(page, email).count()).resolves.toBe(0);
  });

  it('a wrong password shows its error beside the password field', async () => {
    const { email } = await createNamedUser(app.server, 'Alan', 'Turing', PASSWORD);
    await page.goto(`${app.url}/sign-in`);
    await fillIdentifier(page, email);
    const password = page.getByLabel('Password', { exact: true });
    await password.fill('not the right password at all');
    await page.getByRole('button', { name: 'Continue' }).click();

    const error = await fieldError(password);
    expect(error.invalid).toBe('true');
    expect(error.message).toMatch(/password is incorrect/i);
    await screenshot(page, 'sign-in-error');
  });
});
