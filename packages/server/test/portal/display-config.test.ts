/**
 * `display_config` names the Account Portal's pages only when the instance serves them: with
 * the portal off, the page URLs are null (the SDK and components then use the app's own), and
 * the after-sign-in defaults are the app URLs the instance set, or null.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../fixtures/server.ts';

const APP = 'https://app.example.com';
let off: TestServer;
let offWithApp: TestServer;
beforeAll(async () => {
  [off, offWithApp] = await Promise.all([
    startServer({ settings: { account_portal: { enabled: false } } }),
    startServer({
      settings: {
        allowed_origins: [APP],
        account_portal: { enabled: false, after_sign_in_url: `${APP}/home`, after_sign_up_url: `${APP}/welcome` },
      },
    }),
  ]);
}, 120_000);
afterAll(() => Promise.all([off.close(), offWithApp.close()]));

const displayConfig = async (s: TestServer) =>
  (await s.browser({ origin: null }).request('GET', '/v1/environment')).body.display_config;

describe('display_config without the Account Portal', () => {
  it('has no portal URLs', async () => {
    expect(await displayConfig(off)).toMatchObject({
      sign_in_url: null,
      sign_up_url: null,
      user_profile_url: null,
      after_sign_in_url: null,
      after_sign_up_url: null,
      after_sign_out_one_url: null,
      after_sign_out_all_url: null,
    });
  });

  it("keeps the app's own after-sign-in and after-sign-up URLs", async () => {
    expect(await displayConfig(offWithApp)).toMatchObject({
      sign_in_url: null,
      after_sign_in_url: `${APP}/home`,
      after_sign_up_url: `${APP}/welcome`,
    });
  });
});
