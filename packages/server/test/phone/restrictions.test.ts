/**
 * The allowlist and blocklist apply to phone numbers as to email addresses: a number the
 * blocklist names cannot be added by the user nor by an administrator; with the allowlist on,
 * only the numbers it names can.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { addPhone, PHONES, signedIn, uniqueUsNumber } from './helpers.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ settings: { sms: { allowed_countries: ['US'] } } });
});
afterAll(() => server.close());

async function setLists(lists: { allowlist?: boolean; blocklist?: boolean }) {
  const r = await server.backend.patch('/v1/instance/settings', {
    restrictions: {
      allowlist: { enabled: lists.allowlist ?? false },
      blocklist: { enabled: lists.blocklist ?? false },
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

describe('phone numbers and the restriction lists', () => {
  it('refuses a blocklisted number (spelled differently) to the user and to the Backend API, and accepts others', async () => {
    const blocked = uniqueUsNumber();
    const spaced = `${blocked.slice(0, 2)} ${blocked.slice(2, 5)} ${blocked.slice(5)}`;
    expect((await server.backend.post('/v1/blocklist_identifiers', { identifier: blocked })).status).toBe(200);
    await setLists({ blocklist: true });
    const { browser, userId } = await signedIn(server);

    const mine = await browser.post(PHONES, { phone_number: spaced });
    expect(mine.status).toBe(403);
    expect(mine.body.errors[0]).toMatchObject({ code: 'not_allowed_access', meta: { param_name: 'phone_number' } });
    const admin = await server.backend.post('/v1/phone_numbers', { user_id: userId, phone_number: blocked });
    expect(admin.status).toBe(403);
    expect(admin.body.errors[0].code).toBe('not_allowed_access');
    expect((await browser.get(PHONES)).body).toEqual([]);

    await addPhone(browser, uniqueUsNumber());
  });

  it('with the allowlist on, accepts only the numbers it names', async () => {
    const allowed = uniqueUsNumber();
    expect((await server.backend.post('/v1/allowlist_identifiers', { identifier: allowed })).status).toBe(200);
    // Signed up first: the allowlist names no email address, so it would refuse the sign-up itself.
    await setLists({});
    const { browser } = await signedIn(server);
    await setLists({ allowlist: true });
    expect((await browser.post(PHONES, { phone_number: uniqueUsNumber() })).body.errors[0].code).toBe(
      'not_allowed_access',
    );
    await addPhone(browser, allowed);
  });
});
