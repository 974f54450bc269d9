/** Steps of MFA over HTTP, for the tests in this folder; TOTP codes are computed with `otpauth`. */
import { Secret, TOTP } from 'otpauth';
import { expect } from 'vitest';
import { PASSWORD } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import type { TestServer } from '../fixtures/server.ts';

export const STEP_MS = 30_000;

/**
 * Stops the server's clock in the middle of a TOTP step, so which step a code belongs to does
 * not depend on how long the test runs. `advance` moves it on.
 */
export function freezeClock(server: TestServer): { now: () => number; advance: (ms: number) => void } {
  let t = Math.floor(Date.now() / STEP_MS) * STEP_MS + STEP_MS / 2;
  server.clock.now = () => t;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

/** The code an authenticator app shows at `now` shifted by `steps` steps. */
export const totpCode = (secret: string, now: number, steps = 0): string =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: now + steps * STEP_MS });

/** Sets up TOTP from the profile; the secret and the ten backup codes. */
export async function enrolTotp(server: TestServer, browser: Browser) {
  const created = await browser.post('/v1/me/totp', {});
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const totp = created.body.response;
  expect(totp).toMatchObject({ object: 'totp', verified: false, backup_codes: null });
  expect(totp.uri).toMatch(/^otpauth:\/\/totp\//);
  const verified = await browser.post('/v1/me/totp/attempt_verification', {
    code: totpCode(totp.secret, server.clock.now()),
  });
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
  expect(verified.body.response.verified).toBe(true);
  return { secret: totp.secret as string, backupCodes: verified.body.response.backup_codes as string[] };
}

/** Starts a sign-in with email and password on a new browser; expects the second-factor step. */
export async function signInToSecondFactor(server: TestServer, email: string) {
  const browser = server.browser();
  const r = await browser.post('/v1/client/sign_ins', { identifier: email, password: PASSWORD });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.response.status).toBe('needs_second_factor');
  return { browser, signInId: r.body.response.id as string, signIn: r.body.response };
}

export const attemptSecondFactor = (browser: Browser, signInId: string, strategy: string, code: string) =>
  browser.post(`/v1/client/sign_ins/${signInId}/attempt_second_factor`, { strategy, code });
