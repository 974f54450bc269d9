/**
 * The typed Backend API client against a real server: every resource, paging helpers, and
 * typed errors carrying the API's codes. Its parameter types come from the server's schemas;
 * the @ts-expect-error lines below fail the typecheck if a wrong parameter were accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken, signUp, uniqueEmail } from '../../server/test/fixtures/flows.ts';
import { startServer, type TestServer } from '../../server/test/fixtures/server.ts';
import { createGatehouseClient, GatehouseAPIError, type GatehouseClient } from '../src/index.ts';

let server: TestServer;
let gatehouse: GatehouseClient;

beforeAll(async () => {
  server = await startServer();
  const publishableKey = (await server.backend.get('/v1/instance')).body.publishable_key;
  gatehouse = createGatehouseClient({ secretKey: server.secretKey, publishableKey });
});
afterAll(() => server.close());

const apiError = async (p: Promise<unknown>): Promise<GatehouseAPIError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof GatehouseAPIError) return e;
    throw e;
  }
  throw new Error('expected a GatehouseAPIError');
};

describe('users', () => {
  it('create, get, update, list with totals, iterate every page, delete', async () => {
    const tag = `pager${Date.now()}`;
    const created = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        gatehouse.users.createUser({
          email_address: [`${tag}.${i}@example.com`],
          password: 'correct horse battery',
          first_name: tag,
        }),
      ),
    );
    expect(created[0]!.object).toBe('user');
    const updated = await gatehouse.users.updateUser(created[0]!.id, {
      last_name: 'Lovelace',
      public_metadata: { plan: 'pro' },
    });
    expect(updated).toMatchObject({ first_name: tag, last_name: 'Lovelace', public_metadata: { plan: 'pro' } });
    expect((await gatehouse.users.getUser(created[0]!.id)).last_name).toBe('Lovelace');

    const page = await gatehouse.users.getUserList({ query: tag, limit: 3, order_by: '+created_at' });
    expect(page.data).toHaveLength(3);
    expect(page.totalCount).toBe(7);
    expect(await gatehouse.users.getCount({ query: tag })).toBe(7);

    const all: string[] = [];
    for await (const u of gatehouse.users.iterate({ query: tag, limit: 2 })) all.push(u.id);
    expect(all.sort()).toEqual(created.map((u) => u.id).sort());

    expect(await gatehouse.users.deleteUser(created[6]!.id)).toEqual({
      object: 'user',
      id: created[6]!.id,
      deleted: true,
    });
    expect(await gatehouse.users.getCount({ query: tag })).toBe(6);
  });

  it('ban, unban, lock and unlock answer the updated user', async () => {
    const u = await gatehouse.users.createUser({ email_address: [uniqueEmail()] });
    expect((await gatehouse.users.banUser(u.id)).banned).toBe(true);
    expect((await gatehouse.users.unbanUser(u.id)).banned).toBe(false);
    expect((await gatehouse.users.lockUser(u.id)).locked).toBe(true);
    expect((await gatehouse.users.unlockUser(u.id)).locked).toBe(false);
  });

  it('throws a GatehouseAPIError with the status and the API error code', async () => {
    const e = await apiError(gatehouse.users.getUser('user_doesnotexist'));
    expect(e.status).toBe(404);
    expect(e.code).toBe('user_not_found');
    expect(e.errors[0]).toMatchObject({ code: 'user_not_found', message: 'The user was not found.' });
    expect(e.traceId).toMatch(/^req_/);
    const bad = await apiError(gatehouse.users.createUser({ email_address: ['not an email'] }));
    expect(bad).toMatchObject({ status: 422, code: 'form_email_address_invalid' });
  });

  it('types its parameters from the server schemas', () => {
    // Compile-time assertions: tsc fails if these were accepted. The calls never run.
    const typeOnly = (_: () => unknown) => undefined;
    typeOnly(() =>
      // @ts-expect-error: not a Backend API parameter
      gatehouse.users.createUser({ emailAddress: ['a@example.com'] }),
    );
    typeOnly(() =>
      // @ts-expect-error: order_by accepts field names only as strings
      gatehouse.users.getUserList({ order_by: 5 }),
    );
    typeOnly(() =>
      // @ts-expect-error: password_hasher is an enumeration
      gatehouse.users.createUser({ password_digest: 'x', password_hasher: 'md5' }),
    );
    expect(true).toBe(true);
  });
});

describe('sessions, clients, instance, keys, dev mailbox', () => {
  it('lists, reads and revokes sessions, and mints a token server-side', async () => {
    const browser = server.browser();
    const { userId, sessionId } = await signUp(server, browser);
    const list = await gatehouse.sessions.getSessionList({ user_id: userId, status: 'active' });
    expect(list.map((s) => s.id)).toEqual([sessionId]);
    const jwt = await gatehouse.sessions.getToken(sessionId);
    expect((await gatehouse.verifyToken(jwt)).sid).toBe(sessionId);
    expect((await gatehouse.sessions.revokeSession(sessionId)).status).toBe('revoked');
    expect((await gatehouse.sessions.getSession(sessionId)).status).toBe('revoked');
    expect((await mintToken(browser, sessionId)).status).toBe(401);
  });

  it('verifies a client token', async () => {
    const browser = server.browser();
    const { sessionId } = await signUp(server, browser);
    const client = await gatehouse.clients.verifyClient(browser.clientToken!);
    expect(client.session_ids).toEqual([sessionId]);
    expect((await gatehouse.clients.getClient(client.id)).id).toBe(client.id);
  });

  it('reads and patches instance settings, reads the JWKS, manages secret keys, reads the dev mailbox', async () => {
    expect((await gatehouse.instance.get()).environment_type).toBe('development');
    const patched = await gatehouse.instance.updateSettings({ application_name: 'Typed' });
    expect(patched.settings.application_name).toBe('Typed');
    expect((await gatehouse.jwks.getJwks()).keys[0]?.alg).toBe('ES256');

    const key = await gatehouse.secretKeys.create('ci');
    expect(key.secret).toMatch(/^sk_test_/);
    expect((await gatehouse.secretKeys.revoke(key.id)).revoked_at).not.toBeNull();

    const browser = server.browser();
    const { email } = await signUp(server, browser);
    const mails = await gatehouse.devEmails.list({ to: email });
    expect(mails[0]?.subject).toMatch(/verification code/);
  });
});
