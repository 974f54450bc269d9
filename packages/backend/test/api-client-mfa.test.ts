/**
 * The typed client's MFA methods against a real server (the rules themselves are pinned by the
 * server's `test/backend-api/users-mfa.test.ts`): verifyPassword, verifyTotp, deleteBackupCodes,
 * deleteTotp, disableMfa, with the API's error codes on `GatehouseAPIError`.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PASSWORD, signUp, uniqueEmail } from '../../server/test/fixtures/flows.ts';
import { startServer, type TestServer } from '../../server/test/fixtures/server.ts';
import { enrolTotp, freezeClock, STEP_MS, totpCode } from '../../server/test/mfa/helpers.ts';
import { createGatehouseClient, GatehouseAPIError, type GatehouseClient } from '../src/index.ts';

let server: TestServer;
let gatehouse: GatehouseClient;
let clock: ReturnType<typeof freezeClock>;

beforeAll(async () => {
  server = await startServer({ settings: { attack_protection: { rate_limits: { enabled: false } } } });
  clock = freezeClock(server);
  const publishableKey = (await server.backend.get('/v1/instance')).body.publishable_key;
  gatehouse = createGatehouseClient({ secretKey: server.secretKey, publishableKey });
});
afterAll(() => server.close());

const codeOf = async (p: Promise<unknown>): Promise<string | undefined> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof GatehouseAPIError) return e.code;
    throw e;
  }
  throw new Error('expected a GatehouseAPIError');
};

async function userWithTotp() {
  const browser = server.browser();
  const { userId } = await signUp(server, browser, uniqueEmail('client-mfa'));
  return { userId, ...(await enrolTotp(server, browser)) };
}

it('verifyPassword and verifyTotp resolve on right codes and reject with the API code on wrong ones', async () => {
  const { userId, secret, backupCodes } = await userWithTotp();
  expect(await gatehouse.users.verifyPassword(userId, { password: PASSWORD })).toEqual({ verified: true });
  expect(await codeOf(gatehouse.users.verifyPassword(userId, { password: 'wrong password' }))).toBe(
    'form_password_incorrect',
  );
  clock.advance(STEP_MS);
  const code = totpCode(secret, server.clock.now());
  expect(await gatehouse.users.verifyTotp(userId, { code })).toEqual({ verified: true, code_type: 'totp' });
  expect(await codeOf(gatehouse.users.verifyTotp(userId, { code }))).toBe('form_code_incorrect');
  expect(await gatehouse.users.verifyTotp(userId, { code: backupCodes[0]! })).toEqual({
    verified: true,
    code_type: 'backup_code',
  });
});

it('deleteBackupCodes, deleteTotp and disableMfa answer with the user id', async () => {
  const a = await userWithTotp();
  expect(await gatehouse.users.deleteBackupCodes(a.userId)).toEqual({ user_id: a.userId });
  expect(await gatehouse.users.deleteTotp(a.userId)).toEqual({ user_id: a.userId });
  expect((await gatehouse.users.getUser(a.userId)).two_factor_enabled).toBe(false);
  expect(await codeOf(gatehouse.users.deleteTotp(a.userId))).toBe('resource_not_found');

  const b = await userWithTotp();
  expect(await gatehouse.users.disableMfa(b.userId)).toEqual({ user_id: b.userId });
  expect(await gatehouse.users.getUser(b.userId)).toMatchObject({ totp_enabled: false, two_factor_enabled: false });
});
