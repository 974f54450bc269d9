/**
 * TOTP end to end in Chromium: set up an authenticator app from <UserProfile> (QR code shown,
 * confirmed with a code computed here with otpauth from the secret the page shows for manual
 * entry), see the backup codes, then sign in on a fresh browser: <SignIn> asks for the
 * authenticator code after the password and completes with it.
 * @see issue 7 (Chromium e2e: TOTP enrolment with a code computed in the test)
 */
import { Secret, TOTP } from 'otpauth';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, PASSWORD } from '../packages/server/test/fixtures/flows.ts';
import { launchChromium, releaseChromium, screenshot } from './fixtures/chromium.ts';
import {
  type ExampleApp,
  fillIdentifier,
  signedInHeading,
  signInThroughUi,
  startExampleApp,
  UI_TIMEOUT,
  visible,
} from './fixtures/example-app.ts';

describe('TOTP in Chromium', () => {
  let app: ExampleApp;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startExampleApp(), launchChromium()]);
  }, 60_000);
  afterAll(async () => {
    await releaseChromium(browser);
    await app?.close();
  });

  /** The authenticator's code at the server's time, `steps` 30-second steps ahead. */
  const codeAt = (secret: string, steps = 0) =>
    TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: app.server.clock.now() + steps * 30_000 });

  it(
    'sets up TOTP in the profile, then signs in with a code from it',
    async () => {
      const { email } = await createUser(app.server);
      const first = await browser.newContext({ viewport: { width: 1024, height: 1100 } });
      const page = await first.newPage();
      await signInThroughUi(page, app, email, PASSWORD);

      await page.goto(`${app.url}/user`);
      const section = page.getByRole('region', { name: 'Two-step verification' });
      await visible(section);
      await section.getByRole('button', { name: 'Add an authenticator app' }).click();
      await visible(section.getByRole('img', { name: 'QR code for your authenticator app' }));
      const secret = (await section.locator('.gh-totp-secret').textContent())!;
      expect(secret).toMatch(/^[A-Z2-7]+$/);
      await section.getByLabel('Verification code').fill(codeAt(secret));
      const codes = section.getByRole('list', { name: 'Backup codes' });
      await visible(codes);
      expect(await codes.getByRole('listitem').count()).toBe(10);
      await visible(section.getByText('On', { exact: true }));
      await screenshot(page, 'user-profile-mfa');
      await first.close();

      const second = await browser.newContext({ viewport: { width: 1024, height: 900 } });
      const fresh = await second.newPage();
      await fresh.goto(`${app.url}/sign-in`);
      await fillIdentifier(fresh, email);
      await fresh.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await fresh.getByRole('button', { name: 'Continue' }).click();
      await visible(fresh.getByRole('heading', { name: 'Two-step verification' }));
      await screenshot(fresh, 'sign-in-second-factor');
      // One step ahead: the enrolment used the current step's code, and each step works once.
      await fresh.getByLabel('Verification code').fill(codeAt(secret, 1));
      await visible(signedInHeading(fresh, email));
      await second.close();
    },
    6 * UI_TIMEOUT,
  );
});

/**
 * SMS codes end to end in Chromium: in the profile's two-step verification section, add a
 * number, verify it with the code from the dev outbox, choose it for SMS codes; a sign-in on
 * a fresh browser then asks for a texted code and completes with it.
 */
describe('SMS two-step verification in Chromium', () => {
  let app: ExampleApp;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([
      startExampleApp({ settings: { sms: { allowed_countries: ['US'], resend_after_seconds: 0 } } }),
      launchChromium(),
    ]);
  }, 60_000);
  afterAll(async () => {
    await releaseChromium(browser);
    await app?.close();
  });

  /** The code of the newest text message to `to`, from its WebOTP line `@host #123456`. */
  const lastSmsCode = async (to: string) => {
    const r = await app.server.backend.get(`/v1/dev/sms?to=${encodeURIComponent(to)}`);
    const code = /^@\S+ #(\d{6})$/m.exec(r.body[0]?.body ?? '')?.[1];
    if (!code) throw new Error(`no code texted to ${to}`);
    return code;
  };

  it(
    'turns on SMS codes in the profile, then signs in with a texted code',
    async () => {
      const { email, userId } = await createUser(app.server);
      // A real-looking number (not the fictional 555-01xx range), so codes really go to the outbox.
      const number = '+12013457788';
      const first = await browser.newContext({ viewport: { width: 1024, height: 1400 } });
      const page = await first.newPage();
      await signInThroughUi(page, app, email, PASSWORD);

      await page.goto(`${app.url}/user`);
      const section = page.getByRole('region', { name: 'Two-step verification' });
      await visible(section);
      await section.getByRole('button', { name: 'Receive codes by text message' }).click();
      await section.getByLabel('Add phone number').fill(number);
      await section.getByRole('button', { name: 'Add', exact: true }).click();
      await visible(section.getByText('Enter the code sent to +1 201 345 7788.'));
      await section.getByLabel('Verification code').fill(await lastSmsCode(number));
      await section.getByRole('button', { name: 'Use +1 201 345 7788' }).click();
      const row = section.getByRole('listitem').filter({ hasText: 'Text message (SMS) code' });
      await visible(row.getByText('Default', { exact: true }));
      await screenshot(page, 'user-profile-sms-mfa');
      expect((await app.server.backend.get(`/v1/users/${userId}`)).body.two_factor_enabled).toBe(true);
      await first.close();

      const second = await browser.newContext({ viewport: { width: 1024, height: 900 } });
      const fresh = await second.newPage();
      await fresh.goto(`${app.url}/sign-in`);
      await fillIdentifier(fresh, email);
      await fresh.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await fresh.getByRole('button', { name: 'Continue' }).click();
      await visible(fresh.getByRole('heading', { name: 'Two-step verification' }));
      await fresh.getByRole('button', { name: 'Text me a code' }).click();
      await visible(fresh.getByLabel('Verification code'));
      await fresh.getByLabel('Verification code').fill(await lastSmsCode(number));
      await visible(signedInHeading(fresh, email));
      await second.close();
    },
    8 * UI_TIMEOUT,
  );
});
