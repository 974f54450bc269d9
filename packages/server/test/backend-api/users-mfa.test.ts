/**
 * Backend API MFA endpoints (Clerk's paths and shapes):
 * - `POST /v1/users/{id}/verify_totp` checks a TOTP or backup code by the sign-in's rules: a
 *   TOTP code works once (a replay fails), a backup code is used up, a wrong code counts toward
 *   the user's lockout; a user with neither factor is `totp_not_enabled`;
 * - `POST /v1/users/{id}/verify_password` checks the password, wrong ones counting toward lockout;
 * - `DELETE /v1/users/{id}/mfa`, `/totp`, `/backup_code` remove factors; after `/mfa` a
 *   password sign-in asks no second factor.
 * No webhooks exist yet, so no `user.updated` is asserted.
 * @see issue 7 (loose ends: Backend API MFA endpoints)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, PASSWORD, signUp, uniqueEmail } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { enrolTotp, freezeClock, STEP_MS, totpCode } from '../mfa/helpers.ts';
import { expectError } from './expect-error.ts';

const MAX_ATTEMPTS = 5;
let server: TestServer;
let clock: ReturnType<typeof freezeClock>;
beforeAll(async () => {
  server = await startServer({
    settings: {
      attack_protection: {
        rate_limits: { enabled: false },
        // The sign-ins below run on new browsers; Client Trust's email code is not the subject here.
        client_trust: { enabled: false },
        user_lockout: { enabled: true, max_attempts: MAX_ATTEMPTS, duration_seconds: 600 },
      },
    },
  });
  clock = freezeClock(server);
});
afterAll(() => server.close());

async function userWithTotp() {
  const browser = server.browser();
  const { email, userId } = await signUp(server, browser, uniqueEmail('bapi-mfa'));
  const { secret, backupCodes } = await enrolTotp(server, browser);
  return { email, userId, secret, backupCodes };
}

const verifyTotp = (userId: string, code: string) => server.backend.post(`/v1/users/${userId}/verify_totp`, { code });
const verifyPassword = (userId: string, password: string) =>
  server.backend.post(`/v1/users/${userId}/verify_password`, { password });
const userOf = async (userId: string) => (await server.backend.get(`/v1/users/${userId}`)).body;
const signInStatus = async (email: string) => {
  const r = await server.browser().post('/v1/client/sign_ins', { identifier: email, password: PASSWORD });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.response.status as string;
};

describe('verify_totp', () => {
  it('accepts a current TOTP code once: a replay of the same code is refused', async () => {
    const { userId, secret } = await userWithTotp();
    // The enrolment used the current step: the next one is the first a server can check.
    clock.advance(STEP_MS);
    const code = totpCode(secret, server.clock.now());
    const ok = await verifyTotp(userId, code);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ verified: true, code_type: 'totp' });
    expectError(await verifyTotp(userId, code), 'form_code_incorrect', { param_name: 'code' });
  });

  it('refuses a code already used to confirm the enrolment', async () => {
    const { userId, secret } = await userWithTotp();
    expectError(await verifyTotp(userId, totpCode(secret, server.clock.now())), 'form_code_incorrect');
  });

  it('accepts a backup code once, and says so', async () => {
    const { userId, backupCodes } = await userWithTotp();
    const ok = await verifyTotp(userId, backupCodes[0]!);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ verified: true, code_type: 'backup_code' });
    expectError(await verifyTotp(userId, backupCodes[0]!), 'form_code_incorrect');
  });

  it('counts wrong codes toward the lockout, then refuses even a right code as user_locked', async () => {
    const { userId, secret } = await userWithTotp();
    clock.advance(STEP_MS);
    const right = totpCode(secret, server.clock.now());
    const wrong = right === '000000' ? '000001' : '000000';
    expectError(await verifyTotp(userId, wrong), 'form_code_incorrect');
    expect((await userOf(userId)).verification_attempts_remaining).toBe(MAX_ATTEMPTS - 1);
    for (let i = 1; i < MAX_ATTEMPTS - 1; i++) expectError(await verifyTotp(userId, wrong), 'form_code_incorrect');
    expectError(await verifyTotp(userId, wrong), 'user_locked');
    expectError(await verifyTotp(userId, right), 'user_locked');
    expect((await server.backend.post(`/v1/users/${userId}/unlock`)).status).toBe(200);
    expect((await verifyTotp(userId, right)).body).toEqual({ verified: true, code_type: 'totp' });
  });

  it('answers totp_not_enabled for a user without TOTP or backup codes, user_not_found for no user', async () => {
    const { userId } = await createUser(server, uniqueEmail('bapi-no-mfa'));
    expectError(await verifyTotp(userId, '123456'), 'totp_not_enabled');
    expectError(await verifyTotp('user_missing', '123456'), 'user_not_found');
  });

  it('validates the body', async () => {
    const { userId } = await userWithTotp();
    const r = await server.backend.post(`/v1/users/${userId}/verify_totp`, {});
    expect(r.status).toBe(422);
    expect(r.body.errors[0].code).toBe('form_param_missing');
  });
});

describe('verify_password', () => {
  it('verifies the right password and counts a wrong one toward the lockout', async () => {
    const { userId } = await createUser(server, uniqueEmail('bapi-pw'));
    const ok = await verifyPassword(userId, PASSWORD);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ verified: true });
    expectError(await verifyPassword(userId, 'not the password'), 'form_password_incorrect', {
      param_name: 'password',
    });
    expect((await userOf(userId)).verification_attempts_remaining).toBe(MAX_ATTEMPTS - 1);
    expect((await verifyPassword(userId, PASSWORD)).status).toBe(200);
    expect((await userOf(userId)).verification_attempts_remaining).toBe(MAX_ATTEMPTS);
  });

  it('answers form_password_not_set for a user without a password', async () => {
    const r = await server.backend.post('/v1/users', { email_address: [uniqueEmail('bapi-nopw')] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expectError(await verifyPassword(r.body.id, PASSWORD), 'form_password_not_set');
  });
});

describe('removing factors', () => {
  it('DELETE /totp removes the authenticator app and, with no SMS factor, the backup codes', async () => {
    const { userId, backupCodes } = await userWithTotp();
    const r = await server.backend.delete(`/v1/users/${userId}/totp`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ user_id: userId });
    expect(await userOf(userId)).toMatchObject({ totp_enabled: false, backup_code_enabled: false });
    expectError(await verifyTotp(userId, backupCodes[0]!), 'totp_not_enabled');
    expectError(await server.backend.delete(`/v1/users/${userId}/totp`), 'resource_not_found');
  });

  it('DELETE /backup_code voids the backup codes and keeps the authenticator app', async () => {
    const { userId, backupCodes } = await userWithTotp();
    const r = await server.backend.delete(`/v1/users/${userId}/backup_code`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ user_id: userId });
    expect(await userOf(userId)).toMatchObject({ totp_enabled: true, backup_code_enabled: false });
    expectError(await verifyTotp(userId, backupCodes[1]!), 'form_code_incorrect');
    expectError(await server.backend.delete(`/v1/users/${userId}/backup_code`), 'resource_not_found');
  });

  it('DELETE /mfa turns every second factor off: the next password sign-in asks for none', async () => {
    const { email, userId } = await userWithTotp();
    expect(await signInStatus(email)).toBe('needs_second_factor');
    const r = await server.backend.delete(`/v1/users/${userId}/mfa`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ user_id: userId });
    expect(await userOf(userId)).toMatchObject({
      totp_enabled: false,
      backup_code_enabled: false,
      two_factor_enabled: false,
    });
    expect(await signInStatus(email)).toBe('complete');
  });

  it('answers user_not_found for an unknown user', async () => {
    for (const path of ['mfa', 'totp', 'backup_code'])
      expectError(await server.backend.delete(`/v1/users/user_missing/${path}`), 'user_not_found');
  });
});
