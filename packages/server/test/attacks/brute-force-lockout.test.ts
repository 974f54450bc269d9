/**
 * Brute force against one account: every failed password or code counts against the user,
 * whatever client sends it; at `max_attempts` (default 10) the account locks for an hour, and
 * a locked account answers `user_locked` (with the seconds left) even to the right password.
 * The owner loses nothing: a success resets the count, the lock ends on its own, and an
 * administrator can lift it early.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../backend-api/expect-error.ts';
import { createUser, PASSWORD, signIn } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { guess, lockoutState } from './attacker.ts';

const WRONG = 'not the password';
const HOUR_S = 3600;

let server: TestServer;
let permanent: TestServer;
beforeAll(async () => {
  [server, permanent] = await Promise.all([
    startServer({ settings: { attack_protection: { rate_limits: { enabled: false } } } }),
    startServer({
      settings: {
        attack_protection: { rate_limits: { enabled: false }, user_lockout: { max_attempts: 3, permanent: true } },
      },
    }),
  ]);
});
afterAll(() => Promise.all([server.close(), permanent.close()]));

describe('lockout after max_attempts failures (defaults: 10, one hour)', () => {
  it('counts each wrong password, locks on the 10th, then refuses the right password too', async () => {
    const { email, userId } = await createUser(server);
    expect(await lockoutState(server, userId)).toEqual({
      locked: false,
      lockout_expires_in_seconds: null,
      verification_attempts_remaining: 10,
    });
    for (let i = 1; i <= 9; i++) {
      expectError(await guess(server, email, WRONG), 'form_password_incorrect');
      expect((await lockoutState(server, userId)).verification_attempts_remaining).toBe(10 - i);
    }
    expectError(await guess(server, email, WRONG), 'user_locked', { lockout_expires_in_seconds: HOUR_S });
    expect(await lockoutState(server, userId)).toEqual({
      locked: true,
      lockout_expires_in_seconds: HOUR_S,
      verification_attempts_remaining: 0,
    });

    server.clock.advance(10 * 60 * 1000);
    expectError(await guess(server, email, PASSWORD), 'user_locked', { lockout_expires_in_seconds: HOUR_S - 600 });
    expectError(await guess(server, email, WRONG), 'user_locked');
    // Refused guesses do not count: the lock does not grow.
    expect((await lockoutState(server, userId)).lockout_expires_in_seconds).toBe(HOUR_S - 600);
  });

  it('ends on its own: after the hour the owner signs in and the count starts afresh', async () => {
    const { email, userId } = await createUser(server);
    for (let i = 0; i < 10; i++) await guess(server, email, WRONG);
    expect((await lockoutState(server, userId)).locked).toBe(true);

    server.clock.advance(HOUR_S * 1000 + 1000);
    expect(await lockoutState(server, userId)).toMatchObject({ locked: false, verification_attempts_remaining: 10 });
    await signIn(server.browser(), email);
    expect(await lockoutState(server, userId)).toMatchObject({ locked: false, verification_attempts_remaining: 10 });
  });

  it('an expired lock restarts the count at 1: the next failure does not lock again at once', async () => {
    const { email, userId } = await createUser(server);
    for (let i = 0; i < 10; i++) await guess(server, email, WRONG);
    server.clock.advance(HOUR_S * 1000 + 1000);
    expectError(await guess(server, email, WRONG), 'form_password_incorrect');
    expect(await lockoutState(server, userId)).toMatchObject({ locked: false, verification_attempts_remaining: 9 });
  });

  it('resets the count on a success, so an owner who mistypes now and then is never locked', async () => {
    const { email, userId } = await createUser(server);
    for (let i = 0; i < 9; i++) expectError(await guess(server, email, WRONG), 'form_password_incorrect');
    await signIn(server.browser(), email);
    expect((await lockoutState(server, userId)).verification_attempts_remaining).toBe(10);
    for (let i = 0; i < 9; i++) expectError(await guess(server, email, WRONG), 'form_password_incorrect');
    expect(await lockoutState(server, userId)).toMatchObject({ locked: false, verification_attempts_remaining: 1 });
  });

  it('counts wrong one-time codes as well (the Client Trust code after a stolen password)', async () => {
    const { email, userId } = await createUser(server);
    for (let i = 0; i < 8; i++) await guess(server, email, WRONG);
    const attacker = server.browser();
    const r = await guess(server, email, PASSWORD, attacker);
    expect(r.body.response.status).toBe('needs_client_trust');
    const id = r.body.response.id;
    expect(
      (await attacker.post(`/v1/client/sign_ins/${id}/prepare_second_factor`, { strategy: 'email_code' })).status,
    ).toBe(200);
    // The right password reset the count to 0; 8 wrong passwords and 2 wrong codes make 10.
    for (let i = 0; i < 7; i++) await guess(server, email, WRONG);
    expectError(
      await attacker.post(`/v1/client/sign_ins/${id}/attempt_second_factor`, {
        strategy: 'email_code',
        code: '000000',
      }),
      'form_code_incorrect',
    );
    expect((await lockoutState(server, userId)).verification_attempts_remaining).toBe(2);
    await guess(server, email, WRONG);
    expectError(
      await attacker.post(`/v1/client/sign_ins/${id}/attempt_second_factor`, {
        strategy: 'email_code',
        code: '000001',
      }),
      'user_locked',
      { lockout_expires_in_seconds: HOUR_S },
    );
    // The mailed code itself is refused while the account is locked. (The newest mail may be
    // the lock notice: take the code mail.)
    const mails = await server.backend.get(`/v1/dev/emails?to=${encodeURIComponent(email)}`);
    const codeMail = mails.body.find((m: { subject: string }) => m.subject.endsWith('verification code'));
    const mailed = /\b(\d{6})\b/.exec(codeMail.text)![1];
    expectError(
      await attacker.post(`/v1/client/sign_ins/${id}/attempt_second_factor`, { strategy: 'email_code', code: mailed }),
      'user_locked',
    );
  });
});

describe('permanent lockout', () => {
  it('holds whatever time passes, until an administrator unlocks; unlocking resets the count', async () => {
    const { email, userId } = await createUser(permanent);
    expectError(await guess(permanent, email, WRONG), 'form_password_incorrect');
    expectError(await guess(permanent, email, WRONG), 'form_password_incorrect');
    expectError(await guess(permanent, email, WRONG), 'user_locked', { lockout_expires_in_seconds: null });
    permanent.clock.advance(365 * 24 * 3600 * 1000);
    expectError(await guess(permanent, email, PASSWORD), 'user_locked', { lockout_expires_in_seconds: null });
    expect(await lockoutState(permanent, userId)).toEqual({
      locked: true,
      lockout_expires_in_seconds: null,
      verification_attempts_remaining: 0,
    });

    const unlocked = await permanent.backend.post(`/v1/users/${userId}/unlock`);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toMatchObject({ locked: false, verification_attempts_remaining: 3 });
    await signIn(permanent.browser(), email);
  });
});
