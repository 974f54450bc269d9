/**
 * Spam accounts and unwanted sign-ups: allowlist, blocklist (with subaddresses of a blocked
 * address), blocked subaddresses and disposable domains, at sign-up, when a user adds an
 * address and when an administrator creates a user. List refusals answer `not_allowed_access`
 * (which list refused is not told); format refusals `form_email_address_blocked`.
 */
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../backend-api/expect-error.ts';
import { PASSWORD, signIn, signUp, uniqueEmail } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

const settings = (restrictions: Record<string, unknown>) =>
  server.backend.patch('/v1/instance/settings', { restrictions });
const RESET = {
  allowlist: { enabled: false },
  blocklist: { enabled: false },
  block_email_subaddresses: { enabled: false },
  block_disposable_email_domains: { enabled: false, list_path: null },
};
const createSignUp = (email: string) =>
  server.browser().post('/v1/client/sign_ups', { email_address: email, password: PASSWORD });

async function clearLists() {
  for (const list of ['allowlist', 'blocklist'] as const) {
    const r = await server.backend.get(`/v1/${list}_identifiers?paginated=true`);
    for (const e of r.body.data) await server.backend.delete(`/v1/${list}_identifiers/${e.id}`);
  }
}

describe('Backend API: /v1/allowlist_identifiers and /v1/blocklist_identifiers', () => {
  afterAll(clearLists);

  it('adds, lists and removes identifiers in Clerk’s shape, normalized', async () => {
    const added = await server.backend.post('/v1/allowlist_identifiers', {
      identifier: ' Ann@Example.com ',
      notify: false,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body).toMatchObject({
      object: 'allowlist_identifier',
      identifier: 'ann@example.com',
      identifier_type: 'email_address',
      instance_id: server.instance.id,
    });
    const domain = await server.backend.post('/v1/blocklist_identifiers', { identifier: '@Spam.example' });
    expect(domain.body).toMatchObject({ object: 'blocklist_identifier', identifier: '*@spam.example' });
    const phone = await server.backend.post('/v1/blocklist_identifiers', { identifier: '+1 555 555 0100' });
    expect(phone.body).toMatchObject({ identifier: '+15555550100', identifier_type: 'phone_number' });

    const allow = await server.backend.get('/v1/allowlist_identifiers');
    expect(allow.body.map((e: { id: string }) => e.id)).toEqual([added.body.id]);
    const allowPaged = await server.backend.get('/v1/allowlist_identifiers?paginated=true');
    expect(allowPaged.body).toMatchObject({ total_count: 1, data: [{ id: added.body.id }] });
    const block = await server.backend.get('/v1/blocklist_identifiers');
    expect(block.body.total_count).toBe(2);
    expect(block.body.data.map((e: { identifier: string }) => e.identifier)).toEqual([
      '*@spam.example',
      '+15555550100',
    ]);

    const removed = await server.backend.delete(`/v1/blocklist_identifiers/${phone.body.id}`);
    expect(removed.body).toEqual({ object: 'blocklist_identifier', id: phone.body.id, deleted: true });
    expect((await server.backend.get('/v1/blocklist_identifiers')).body.total_count).toBe(1);
  });

  it('refuses a duplicate (after normalization) with duplicate_record', async () => {
    await server.backend.post('/v1/blocklist_identifiers', { identifier: '*@dupe.example' });
    expectError(
      await server.backend.post('/v1/blocklist_identifiers', { identifier: '@DUPE.example' }),
      'duplicate_record',
      {
        param_name: 'identifier',
      },
    );
  });

  it('refuses a malformed identifier, and an unknown id on delete', async () => {
    expectError(
      await server.backend.post('/v1/allowlist_identifiers', { identifier: 'not an identifier' }),
      'form_param_format_invalid',
      { param_name: 'identifier' },
    );
    expectError(await server.backend.delete('/v1/allowlist_identifiers/alid_nope'), 'resource_not_found');
  });

  it('keeps each instance’s lists to itself', async () => {
    const other = await startServer();
    try {
      expect((await other.backend.get('/v1/blocklist_identifiers')).body.total_count).toBe(0);
      const mine = (await server.backend.get('/v1/blocklist_identifiers')).body.data[0];
      expectError(await other.backend.delete(`/v1/blocklist_identifiers/${mine.id}`), 'resource_not_found');
    } finally {
      await other.close();
    }
  });
});

describe('blocklist', () => {
  beforeAll(async () => {
    await settings({ ...RESET, blocklist: { enabled: true } });
    await server.backend.post('/v1/blocklist_identifiers', { identifier: 'john@blocked.example' });
    await server.backend.post('/v1/blocklist_identifiers', { identifier: '*@spammy.example' });
  });
  afterAll(async () => {
    await settings(RESET);
    await clearLists();
  });

  it.each(['john@blocked.example', 'John+promo@Blocked.example', 'john=x@blocked.example', 'john#1@blocked.example'])(
    'refuses %s at sign-up: not_allowed_access',
    async (email) => {
      expectError(await createSignUp(email), 'not_allowed_access', { param_name: 'email_address' });
    },
  );

  it('refuses any address at a blocked domain, and lets other addresses of the same domain as a blocked one pass', async () => {
    expectError(await createSignUp(`x${Date.now()}@spammy.example`), 'not_allowed_access');
    expect((await createSignUp(`jane.${Date.now()}@blocked.example`)).status).toBe(200);
  });

  it('refuses a blocked address added to a profile and one given to an administrator create', async () => {
    const browser = server.browser();
    await signUp(server, browser);
    expectError(
      await browser.post('/v1/me/email_addresses', { email_address: 'john+alt@blocked.example' }),
      'not_allowed_access',
    );
    expectError(
      await server.backend.post('/v1/users', { email_address: ['john@blocked.example'] }),
      'not_allowed_access',
    );
  });

  it('does not apply when the blocklist is off, though its entries stay', async () => {
    await settings({ blocklist: { enabled: false } });
    try {
      expect((await createSignUp('john+off@blocked.example')).status).toBe(200);
    } finally {
      await settings({ blocklist: { enabled: true } });
    }
  });
});

describe('allowlist', () => {
  afterAll(async () => {
    await settings(RESET);
    await clearLists();
  });

  it('blocks every sign-up while enabled and empty', async () => {
    await settings({ ...RESET, allowlist: { enabled: true } });
    expectError(await createSignUp(uniqueEmail()), 'not_allowed_access', { param_name: 'email_address' });
  });

  it('lets through only listed addresses and domains; allowlist wins over blocklist', async () => {
    await settings({ ...RESET, allowlist: { enabled: true }, blocklist: { enabled: true } });
    await server.backend.post('/v1/allowlist_identifiers', { identifier: '*@partner.example' });
    await server.backend.post('/v1/allowlist_identifiers', { identifier: 'vip@elsewhere.example' });
    await server.backend.post('/v1/blocklist_identifiers', { identifier: 'vip@elsewhere.example' });

    expect((await createSignUp(`amy.${Date.now()}@partner.example`)).status).toBe(200);
    expect((await createSignUp('vip@elsewhere.example')).status).toBe(200);
    expectError(await createSignUp(`other.${Date.now()}@elsewhere.example`), 'not_allowed_access');
    expectError(await createSignUp(uniqueEmail()), 'not_allowed_access');
  });

  it('keeps a user from adding an address outside it', async () => {
    await settings({ ...RESET, allowlist: { enabled: true } });
    const browser = server.browser();
    const email = `owner.${Date.now()}@partner.example`;
    await signUp(server, browser, email);
    expectError(
      await browser.post('/v1/me/email_addresses', { email_address: uniqueEmail('outside') }),
      'not_allowed_access',
    );
    expect(
      (await browser.post('/v1/me/email_addresses', { email_address: `second.${Date.now()}@partner.example` })).status,
    ).toBe(200);
  });
});

describe('block email subaddresses', () => {
  afterAll(() => settings(RESET));

  it('refuses + = # in the local part at sign-up and when adding, and existing users keep signing in', async () => {
    const existing = `old+tag.${Date.now()}@example.com`;
    await signUp(server, server.browser(), existing);
    await settings({ ...RESET, block_email_subaddresses: { enabled: true } });

    for (const email of ['new+tag@example.com', 'new=tag@example.com', 'new#tag@example.com'])
      expectError(await createSignUp(email), 'form_email_address_blocked', {
        param_name: 'email_address',
        reason: 'subaddress',
      });
    expect((await createSignUp(uniqueEmail('plain'))).status).toBe(200);

    const browser = server.browser();
    await signIn(browser, existing, PASSWORD);
    expectError(
      await browser.post('/v1/me/email_addresses', { email_address: 'more+x@example.com' }),
      'form_email_address_blocked',
    );
  });
});

describe('block disposable email domains', () => {
  afterAll(() => settings(RESET));

  it('refuses an address at a listed domain or a subdomain of one, from the bundled list', async () => {
    await settings({ ...RESET, block_disposable_email_domains: { enabled: true } });
    for (const email of ['bot@mailinator.com', 'bot@yopmail.com', 'bot@inbox.mailinator.com'])
      expectError(await createSignUp(email), 'form_email_address_blocked', {
        param_name: 'email_address',
        reason: 'disposable_domain',
      });
    expect((await createSignUp(uniqueEmail('real'))).status).toBe(200);
  });

  it('allows them while the setting is off', async () => {
    await settings(RESET);
    expect((await createSignUp(`bot.${Date.now()}@mailinator.com`)).status).toBe(200);
  });

  it('uses the operator’s file instead when list_path is set, and picks up changes to it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gatehouse-disposable-')), 'domains.txt');
    writeFileSync(file, '# our own list\nthrowaway.example\n');
    await settings({ ...RESET, block_disposable_email_domains: { enabled: true, list_path: file } });
    expectError(await createSignUp('bot@throwaway.example'), 'form_email_address_blocked');
    expect((await createSignUp(`bot.${Date.now()}@mailinator.com`)).status).toBe(200);

    writeFileSync(file, 'throwaway.example\nburner.example\n');
    // A different modification time, whatever the file system's resolution.
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expectError(await createSignUp('bot@burner.example'), 'form_email_address_blocked');
  });
});
