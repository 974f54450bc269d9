/**
 * The environment's `phone_number` attribute, which the components read to show the phone
 * section and SMS codes among the second factors: off until the operator opts into some
 * SMS country (`sms.allowed_countries`), and a second factor only while MFA allows `phone_code`.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../fixtures/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const phoneAttribute = async () =>
  (await server.browser().get('/v1/environment')).body.user_settings.attributes.phone_number;

const patchSettings = async (settings: Record<string, unknown>) => {
  const r = await server.backend.patch('/v1/instance/settings', settings);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
};

it('is off with no SMS country, on with one, and offers phone_code as a second factor while MFA allows it', async () => {
  expect(await phoneAttribute()).toMatchObject({ enabled: false, used_for_second_factor: false, second_factors: [] });

  await patchSettings({ sms: { allowed_countries: ['US'] } });
  expect(await phoneAttribute()).toMatchObject({
    enabled: true,
    required: false,
    used_for_first_factor: false,
    verifications: ['phone_code'],
    used_for_second_factor: true,
    second_factors: ['phone_code'],
  });

  await patchSettings({ auth: { multi_factor: { allowed: ['totp', 'backup_code'] } } });
  expect(await phoneAttribute()).toMatchObject({ enabled: true, used_for_second_factor: false, second_factors: [] });
});
