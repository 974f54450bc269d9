/**
 * Backup codes over HTTP: ten single-use codes from TOTP enrolment, regenerable (voiding the
 * old ones), and consumed atomically: of 16 concurrent attempts with one code, exactly one wins.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signUp, uniqueEmail } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { attemptSecondFactor, enrolTotp, freezeClock, signInToSecondFactor } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    settings: {
      attack_protection: { rate_limits: { enabled: false }, user_lockout: { enabled: true, max_attempts: 100 } },
    },
  });
  freezeClock(server);
});
afterAll(() => server.close());

async function userWithBackupCodes() {
  const browser = server.browser();
  const { email } = await signUp(server, browser, uniqueEmail('backup'));
  const { backupCodes } = await enrolTotp(server, browser);
  return { browser, email, backupCodes };
}

it('signs in with a backup code once; the same code is refused afterwards', async () => {
  const { email, backupCodes } = await userWithBackupCodes();
  const code = backupCodes[0]!;
  const first = await signInToSecondFactor(server, email);
  const ok = await attemptSecondFactor(first.browser, first.signInId, 'backup_code', code);
  expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  expect(ok.body.response.status).toBe('complete');

  const second = await signInToSecondFactor(server, email);
  const again = await attemptSecondFactor(second.browser, second.signInId, 'backup_code', code);
  expect(again.status).toBe(422);
  expect(again.body.errors[0].code).toBe('form_code_incorrect');
  // Another code of the set still works.
  const other = await attemptSecondFactor(second.browser, second.signInId, 'backup_code', backupCodes[1]!);
  expect(other.body.response.status).toBe('complete');
});

// @see issue 7: "16 concurrent attempts on one code or backup code, exactly one wins"
it('one backup code is single-use under 16 concurrent attempts', async () => {
  const { email, backupCodes } = await userWithBackupCodes();
  const flows = await Promise.all(Array.from({ length: 16 }, () => signInToSecondFactor(server, email)));
  const results = await Promise.all(
    flows.map((f) => attemptSecondFactor(f.browser, f.signInId, 'backup_code', backupCodes[0]!)),
  );
  expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  expect(results.filter((r) => r.status === 422)).toHaveLength(15);
  for (const r of results.filter((x) => x.status === 422)) expect(r.body.errors[0].code).toBe('form_code_incorrect');
});

it('regenerating voids the old codes', async () => {
  const { browser, email, backupCodes } = await userWithBackupCodes();
  const r = await browser.post('/v1/me/backup_codes', {});
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const fresh = r.body.response.codes as string[];
  expect(r.body.response.object).toBe('backup_code');
  expect(fresh).toHaveLength(10);
  const flow = await signInToSecondFactor(server, email);
  expect((await attemptSecondFactor(flow.browser, flow.signInId, 'backup_code', backupCodes[2]!)).status).toBe(422);
  const ok = await attemptSecondFactor(flow.browser, flow.signInId, 'backup_code', fresh[0]!);
  expect(ok.body.response.status).toBe('complete');
});

it('a user without another second factor cannot create backup codes', async () => {
  const browser = server.browser();
  await signUp(server, browser, uniqueEmail('backup'));
  const r = await browser.post('/v1/me/backup_codes', {});
  expect(r.status).toBe(422);
  expect(r.body.errors[0].code).toBe('strategy_for_user_invalid');
});
