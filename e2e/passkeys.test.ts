/**
 * Passkeys end to end in Chromium, with its virtual authenticator (CDP `WebAuthn` domain: a
 * platform authenticator with resident keys and user verification): add a passkey from
 * <UserProfile>, rename it, then sign in with it from <SignIn> on a browser with no session,
 * by the "Sign in with a passkey" button and by the identifier field's autofill.
 * @see issue 7 (passkey: Chromium e2e through the virtual authenticator)
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, PASSWORD } from '../packages/server/test/fixtures/flows.ts';
import { launchChromium, releaseChromium, screenshot } from './fixtures/chromium.ts';
import {
  type ExampleApp,
  signedInHeading,
  signInThroughUi,
  startExampleApp,
  UI_TIMEOUT,
  visible,
} from './fixtures/example-app.ts';

describe('passkeys in Chromium', () => {
  let app: ExampleApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cdp: CDPSession;
  let authenticatorId: string;
  let email: string;
  let userId: string;
  /** Whether the virtual authenticator approves prompts at once (as if the user touched it). */
  const presence = (enabled: boolean) =>
    cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled });

  beforeAll(async () => {
    [app, browser] = await Promise.all([
      startExampleApp({ settings: { auth: { passkey: { enabled: true } } } }),
      launchChromium(),
    ]);
    context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    page = await context.newPage();
    cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    }));
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    await releaseChromium(browser);
    await app?.close();
  });

  it(
    'adds a passkey from the profile and renames it',
    async () => {
      ({ email, userId } = await createUser(app.server));
      await signInThroughUi(page, app, email, PASSWORD);

      await page.goto(`${app.url}/user`);
      const section = page.getByRole('region', { name: 'Passkeys' });
      await visible(section);
      await section.getByRole('button', { name: 'Add a passkey' }).click();
      await visible(section.locator('.gh-passkey-name', { hasText: 'Passkey' }));
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      expect(credentials).toHaveLength(1);
      expect(credentials[0]!.isResidentCredential).toBe(true);
      expect(credentials[0]!.rpId).toBe('localhost');

      await section.getByRole('button', { name: 'Rename' }).click();
      await section.getByLabel('Passkey name').fill('Virtual authenticator');
      await section.getByRole('button', { name: 'Save' }).click();
      await visible(section.locator('.gh-passkey-name', { hasText: 'Virtual authenticator' }));
      await screenshot(page, 'user-profile-passkeys');
    },
    UI_TIMEOUT * 4,
  );

  it(
    'signs in with the "Sign in with a passkey" button on a browser with no session',
    async () => {
      await context.clearCookies();
      // Not answering on its own: the identifier field's autofill request stays pending, and the
      // button's request (which replaces it) is the one approved.
      await presence(false);
      await page.goto(`${app.url}/sign-in`);
      const identifier = page.getByLabel('Email address');
      await visible(identifier);
      expect(await identifier.getAttribute('autocomplete')).toBe('username webauthn');
      await screenshot(page, 'sign-in-passkey');
      await presence(true);
      await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
      await visible(signedInHeading(page, email));
      // The password session (its cookies cleared) and the passkey one.
      expect((await app.server.backend.get(`/v1/sessions?user_id=${userId}`)).body).toHaveLength(2);
    },
    UI_TIMEOUT * 4,
  );

  // Chromium's virtual authenticator answers a conditional (autofill) request at once, as a
  // user picking the passkey from the identifier field's autofill list would.
  it(
    'signs in through the identifier field’s passkey autofill',
    async () => {
      await context.clearCookies();
      await presence(true);
      await page.goto(`${app.url}/sign-in`);
      await visible(signedInHeading(page, email));
      expect((await app.server.backend.get(`/v1/sessions?user_id=${userId}`)).body).toHaveLength(3);
    },
    UI_TIMEOUT * 4,
  );
});
