/**
 * Every failed second-factor attempt counts toward the user lockout (attack protection):
 * wrong TOTP codes and wrong backup codes alike; a locked account is refused even a right code.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signUp, uniqueEmail } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { attemptSecondFactor, enrolTotp, freezeClock, STEP_MS, signInToSecondFactor, totpCode } from './helpers.ts';

let server: TestServer;
let clock: ReturnType<typeof freezeClock>;
beforeAll(async () => {
  server = await startServer({
    settings: {
      attack_protection: {
        rate_limits: { enabled: false },
        user_lockout: { enabled: true, max_attempts: 3, duration_seconds: 600 },
      },
    },
  });
  clock = freezeClock(server);
});
afterAll(() => server.close());

it('locks the account after max_attempts wrong second-factor codes of any kind', async () => {
  const browser = server.browser();
  const { email, userId } = await signUp(server, browser, uniqueEmail('mfa-lock'));
  const { secret } = await enrolTotp(server, browser);
  clock.advance(STEP_MS);
  const { browser: b, signInId } = await signInToSecondFactor(server, email);

  const wrongTotp = await attemptSecondFactor(b, signInId, 'totp', totpCode(secret, clock.now(), 5));
  expect(wrongTotp.body.errors[0].code).toBe('form_code_incorrect');
  const wrongBackup = await attemptSecondFactor(b, signInId, 'backup_code', 'aaaaaaaaaa');
  expect(wrongBackup.body.errors[0].code).toBe('form_code_incorrect');
  const user = (await server.backend.get(`/v1/users/${userId}`)).body;
  expect(user.verification_attempts_remaining).toBe(1);

  const third = await attemptSecondFactor(b, signInId, 'totp', '000000');
  expect(third.status).toBe(403);
  expect(third.body.errors[0].code).toBe('user_locked');
  const right = await attemptSecondFactor(b, signInId, 'totp', totpCode(secret, clock.now()));
  expect(right.status).toBe(403);
  expect(right.body.errors[0].code).toBe('user_locked');
});
