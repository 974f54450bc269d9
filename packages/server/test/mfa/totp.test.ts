/**
 * TOTP over HTTP: enrolment from the profile, sign-in with a code computed here with otpauth,
 * the ±1 step window, and single use (a code is refused once accepted, and so is any older step).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, uniqueEmail } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { attemptSecondFactor, enrolTotp, freezeClock, STEP_MS, signInToSecondFactor, totpCode } from './helpers.ts';

let server: TestServer;
let clock: ReturnType<typeof freezeClock>;
beforeAll(async () => {
  // Lockout above the 16 concurrent attempts below: at the default 10, the losers' failures can
  // lock the account before the winner resets the count, and the winner then (rightly) answers
  // user_locked: the race test would measure the lockout, not single use.
  server = await startServer({
    settings: {
      attack_protection: { rate_limits: { enabled: false }, user_lockout: { enabled: true, max_attempts: 100 } },
    },
  });
  clock = freezeClock(server);
});
afterAll(() => server.close());

async function userWithTotp() {
  const browser = server.browser();
  const { email, userId } = await signUp(server, browser, uniqueEmail('totp'));
  const { secret, backupCodes } = await enrolTotp(server, browser);
  return { browser, email, userId, secret, backupCodes };
}

describe('enrolment', () => {
  it('shows the secret once, then the user object says totp, backup codes and two-factor are enabled', async () => {
    const { browser, userId, backupCodes } = await userWithTotp();
    expect(backupCodes).toHaveLength(10);
    expect(new Set(backupCodes).size).toBe(10);
    const me = await browser.get('/v1/me');
    expect(me.body.response).toMatchObject({ totp_enabled: true, backup_code_enabled: true, two_factor_enabled: true });
    const bapi = await server.backend.get(`/v1/users/${userId}`);
    expect(bapi.body).toMatchObject({ totp_enabled: true, two_factor_enabled: true });
    // A second authenticator needs the first removed.
    const again = await browser.post('/v1/me/totp', {});
    expect(again.status).toBe(422);
    expect(again.body.errors[0].code).toBe('totp_already_enabled');
  });

  it('refuses a wrong confirmation code and keeps the TOTP unverified', async () => {
    const browser = server.browser();
    await signUp(server, browser, uniqueEmail('totp'));
    const created = await browser.post('/v1/me/totp', {});
    const wrong = totpCode(created.body.response.secret, clock.now(), 5);
    const r = await browser.post('/v1/me/totp/attempt_verification', { code: wrong });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].code).toBe('form_code_incorrect');
    expect((await browser.get('/v1/me')).body.response.totp_enabled).toBe(false);
  });

  it('stores the secret encrypted, never in the clear', async () => {
    const { userId, secret } = await userWithTotp();
    const record = await server.deps.store.mfa.findTotp(server.instance.id, userId);
    expect(record?.secretEncrypted).not.toContain(secret);
    expect(record?.secretEncrypted.split('.')).toHaveLength(5); // compact JWE
  });

  it('removing the TOTP turns MFA off and voids the backup codes', async () => {
    const { browser } = await userWithTotp();
    const r = await browser.delete('/v1/me/totp');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const me = (await browser.get('/v1/me')).body.response;
    expect(me).toMatchObject({ totp_enabled: false, backup_code_enabled: false, two_factor_enabled: false });
  });
});

describe('sign-in', () => {
  it('asks for the second factor after the password, then completes with a TOTP code (fva second factor 0)', async () => {
    const { email, secret } = await userWithTotp();
    clock.advance(STEP_MS);
    const { browser, signInId, signIn } = await signInToSecondFactor(server, email);
    expect(signIn.supported_second_factors).toEqual([{ strategy: 'totp' }, { strategy: 'backup_code' }]);
    const r = await attemptSecondFactor(browser, signInId, 'totp', totpCode(secret, clock.now()));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.response.status).toBe('complete');
    const session = r.body.client.sessions.find((s: { id: string }) => s.id === r.body.response.created_session_id);
    expect(session.status).toBe('active');
    expect(session.factor_verification_age).toEqual([0, 0]);
  });

  it('is not asked for Client Trust: the second factor is the second step', async () => {
    const { email, secret } = await userWithTotp();
    clock.advance(STEP_MS);
    const { browser, signInId } = await signInToSecondFactor(server, email);
    const r = await attemptSecondFactor(browser, signInId, 'totp', totpCode(secret, clock.now()));
    expect(r.body.response.status).toBe('complete');
  });

  it('refuses a replayed code, even in another sign-in', async () => {
    const { email, secret } = await userWithTotp();
    clock.advance(STEP_MS);
    const code = totpCode(secret, clock.now());
    const first = await signInToSecondFactor(server, email);
    expect((await attemptSecondFactor(first.browser, first.signInId, 'totp', code)).body.response.status).toBe(
      'complete',
    );
    const second = await signInToSecondFactor(server, email);
    const replay = await attemptSecondFactor(second.browser, second.signInId, 'totp', code);
    expect(replay.status).toBe(422);
    expect(replay.body.errors[0].code).toBe('form_code_incorrect');
  });

  it('refuses the enrolment code at sign-in (it was used)', async () => {
    const browser = server.browser();
    const { email } = await signUp(server, browser, uniqueEmail('totp'));
    const created = await browser.post('/v1/me/totp', {});
    const code = totpCode(created.body.response.secret, clock.now());
    expect((await browser.post('/v1/me/totp/attempt_verification', { code })).status).toBe(200);
    const { browser: other, signInId } = await signInToSecondFactor(server, email);
    expect((await attemptSecondFactor(other, signInId, 'totp', code)).status).toBe(422);
  });

  it('accepts codes one step either side of now, and no further', async () => {
    const { email, secret } = await userWithTotp();
    clock.advance(10 * STEP_MS);
    const { browser, signInId } = await signInToSecondFactor(server, email);
    for (const steps of [-2, 2]) {
      const r = await attemptSecondFactor(browser, signInId, 'totp', totpCode(secret, clock.now(), steps));
      expect(r.status, `step ${steps}`).toBe(422);
    }
    const behind = await attemptSecondFactor(browser, signInId, 'totp', totpCode(secret, clock.now(), -1));
    expect(behind.body.response.status).toBe('complete');

    const next = await signInToSecondFactor(server, email);
    const ahead = await attemptSecondFactor(next.browser, next.signInId, 'totp', totpCode(secret, clock.now(), 1));
    expect(ahead.body.response.status).toBe('complete');
    // Step +1 was used: the current step's code is now older and refused.
    const last = await signInToSecondFactor(server, email);
    const older = await attemptSecondFactor(last.browser, last.signInId, 'totp', totpCode(secret, clock.now()));
    expect(older.status).toBe(422);
  });

  it('lets exactly one of 16 concurrent attempts with one code win', async () => {
    const { email, secret } = await userWithTotp();
    clock.advance(STEP_MS);
    const code = totpCode(secret, clock.now());
    const flows = await Promise.all(Array.from({ length: 16 }, () => signInToSecondFactor(server, email)));
    const results = await Promise.all(flows.map((f) => attemptSecondFactor(f.browser, f.signInId, 'totp', code)));
    const outcomes = results.map((r) => r.body.errors?.[0]?.code ?? r.status);
    expect(
      results.filter((r) => r.status === 200),
      JSON.stringify(outcomes),
    ).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'form_code_incorrect')).toHaveLength(15);
  });

  it('refuses a strategy the user does not have', async () => {
    const { email } = await userWithTotp();
    const { browser, signInId } = await signInToSecondFactor(server, email);
    const r = await attemptSecondFactor(browser, signInId, 'phone_code', '123456');
    expect(r.status).toBe(422);
    expect(r.body.errors[0].code).toBe('strategy_for_user_invalid');
  });
});

it('Backend API DELETE /v1/users/{id}/mfa turns every second factor off', async () => {
  const { email, userId } = await userWithTotp();
  const r = await server.backend.delete(`/v1/users/${userId}/mfa`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body).toEqual({ user_id: userId });
  const user = (await server.backend.get(`/v1/users/${userId}`)).body;
  expect(user).toMatchObject({ totp_enabled: false, backup_code_enabled: false, two_factor_enabled: false });
  const browser = server.browser();
  const signIn = await browser.post('/v1/client/sign_ins', {
    identifier: email,
    password: 'correct horse battery staple',
  });
  expect(signIn.body.response.status).not.toBe('needs_second_factor');
});
