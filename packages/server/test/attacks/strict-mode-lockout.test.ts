/**
 * Strict enumeration mode and the lockout: ten wrong guesses must not tell an attacker which
 * addresses have accounts. An address with no account locks exactly as an account does (the
 * same answers, statuses, headers and time, the same count under concurrency), while the real
 * owner is mailed when their account locks.
 * @see issue 24 (strict mode revealed locked accounts: 403 user_locked against 422 for the unknown)
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectError } from '../backend-api/expect-error.ts';
import { createUser, PASSWORD, signIn, uniqueEmail } from '../fixtures/flows.ts';
import type { HttpResult } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { guess, tally } from './attacker.ts';

const WRONG = 'not the password';
const HOUR_MS = 3600 * 1000;

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    settings: {
      auth: { email_address: { sign_in_with_code: true, code_resend_after_seconds: 0 } },
      attack_protection: { user_enumeration: { mode: 'strict' }, rate_limits: { enabled: false } },
    },
  });
  // A frozen clock (moved only by `advance`): the two accounts lock at the same instant, so
  // `lockout_expires_in_seconds` cannot differ by a rounding second between them.
  const frozen = Date.now();
  server.clock.now = () => frozen + server.clock.offsetMs;
});
afterAll(() => server.close());

/** What a caller sees of an answer, less what differs on every request (trace id, date, cookie value). */
function seen(r: HttpResult) {
  const { clerk_trace_id: _, ...body } = r.body ?? {};
  const headers = [...r.headers]
    .filter(([name]) => !['date', 'x-request-id', 'set-cookie'].includes(name))
    .sort(([a], [b]) => a.localeCompare(b));
  const cookies = r.headers.getSetCookie().map((c) => c.replace(/=[^;]*/, '=…'));
  return { status: r.status, body, headers, cookies };
}

describe('password guesses in strict mode', () => {
  it('a real account and an unknown address answer alike, guess by guess, before and after they lock', async () => {
    const { email, userId } = await createUser(server);
    const unknown = uniqueEmail('nobody');
    const answers: ReturnType<typeof seen>[] = [];
    for (let i = 1; i <= 12; i++) {
      const real = seen(await guess(server, email, WRONG));
      const none = seen(await guess(server, unknown, WRONG));
      expect(none, `guess ${i}`).toEqual(real);
      answers.push(real);
    }
    expect(answers.slice(0, 9).every((a) => a.body.errors[0].code === 'form_password_or_identifier_incorrect')).toBe(
      true,
    );
    for (const a of answers.slice(9)) {
      expect(a.status).toBe(403);
      expect(a.body.errors[0]).toMatchObject({ code: 'user_locked', meta: { lockout_expires_in_seconds: 3600 } });
    }
    expect(answers[9]!.body.errors[0].long_message).toBe(
      'This account is locked after too many failed attempts. Try again in 60 minutes.',
    );
    // The owner's right password meets the same lock: the lock is real, and says when it ends.
    const owner = await guess(server, email, PASSWORD);
    expect(seen(owner)).toEqual(seen(await guess(server, unknown, PASSWORD)));
    expectError(owner, 'user_locked', { lockout_expires_in_seconds: 3600 });
    expect((await server.backend.get(`/v1/users/${userId}`)).body.locked).toBe(true);

    // Both locks end after the hour; the count of each starts again.
    server.clock.advance(HOUR_MS + 1000);
    await signIn(server.browser(), email);
    expectError(await guess(server, unknown, WRONG), 'form_password_or_identifier_incorrect');
    expectError(await guess(server, unknown, PASSWORD), 'form_password_or_identifier_incorrect');
  }, 120_000);

  it('counts per identifier, however it is written: case and spaces name the same address', async () => {
    const unknown = uniqueEmail('Nobody');
    for (let i = 0; i < 9; i++)
      expectError(
        await guess(server, i % 2 ? unknown.toUpperCase() : ` ${unknown} `, WRONG),
        'form_password_or_identifier_incorrect',
      );
    expectError(await guess(server, unknown, WRONG), 'user_locked');
    // Another unknown address is not affected.
    expectError(await guess(server, uniqueEmail('other'), WRONG), 'form_password_or_identifier_incorrect');
  });

  it('16 concurrent guesses at an unknown address count exactly, as for an account: 9 incorrect, then locked', async () => {
    const { email } = await createUser(server);
    const unknown = uniqueEmail('nobody');
    const [real, none] = await Promise.all([
      Promise.all(Array.from({ length: 16 }, () => guess(server, email, WRONG))),
      Promise.all(Array.from({ length: 16 }, () => guess(server, unknown, WRONG))),
    ]);
    expect(tally(real)).toEqual({ form_password_or_identifier_incorrect: 9, user_locked: 7 });
    expect(tally(none)).toEqual(tally(real));
  }, 120_000);

  it('mails the owner when the account locks, and nobody for the unknown address', async () => {
    const { email } = await createUser(server);
    const unknown = uniqueEmail('nobody');
    for (let i = 0; i < 10; i++) {
      await guess(server, email, WRONG);
      await guess(server, unknown, WRONG);
    }
    // The notice goes out in the background, after the answer: wait for it to arrive.
    const mail = await vi.waitFor(
      async () => {
        const r = await server.backend.get(`/v1/dev/emails?to=${encodeURIComponent(email)}`);
        const found = r.body.find((m: { subject: string }) => m.subject === 'Your My application account was locked');
        if (!found) throw new Error('no lockout notice yet');
        return found as { subject: string; text: string };
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(mail.text).toContain('locked after 10 failed sign-in attempts');
    expect(mail.text).toContain('You can sign in again in about 60 minutes');
    const none = await server.backend.get(`/v1/dev/emails?to=${encodeURIComponent(unknown)}`);
    expect(none.body).toEqual([]);
  });
});

describe('sign-in codes in strict mode', () => {
  /** Starts an email-code sign-in and sends the code; returns the caller and the sign-in id. */
  async function codeSignIn(identifier: string) {
    const browser = server.browser();
    const created = await browser.post('/v1/client/sign_ins', { identifier });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const id = created.body.response.id as string;
    const prepared = await browser.post(`/v1/client/sign_ins/${id}/prepare_first_factor`, { strategy: 'email_code' });
    expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
    return { browser, id };
  }

  it('wrong codes lock an unknown address as they lock an account, answer for answer', async () => {
    const { email } = await createUser(server);
    const unknown = uniqueEmail('nobody');
    const codes: string[] = [];
    // Ten wrong codes across four sends (three tries per code), then one more.
    for (let send = 0; send < 4; send++) {
      const [real, none] = [await codeSignIn(email), await codeSignIn(unknown)];
      for (let t = 0; t < 3 && codes.length < 11; t++) {
        const path = (id: string) => `/v1/client/sign_ins/${id}/attempt_first_factor`;
        const body = { strategy: 'email_code', code: '000000' };
        const a = seen(await real.browser.post(path(real.id), body));
        const b = seen(await none.browser.post(path(none.id), body));
        expect(b, `code try ${codes.length + 1}`).toEqual(a);
        codes.push(a.body.errors[0].code);
      }
    }
    expect(codes.slice(0, 9).every((c) => c === 'form_code_incorrect')).toBe(true);
    expect(codes.slice(9)).toEqual(['user_locked', 'user_locked']);
    // And the password after that is locked for both as well.
    expect(seen(await guess(server, unknown, WRONG))).toEqual(seen(await guess(server, email, WRONG)));
    expectError(await guess(server, unknown, WRONG), 'user_locked');
  });
});

describe('timing in strict mode', () => {
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)]!;
  };
  const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)]!;

  it('a locked account and a locked unknown address answer in the same time (medians within the IQR)', async () => {
    const { email } = await createUser(server);
    const unknown = uniqueEmail('nobody');
    for (let i = 0; i < 10; i++) {
      await guess(server, email, WRONG);
      await guess(server, unknown, WRONG);
    }
    const browser = server.browser();
    const timed = async (identifier: string) => {
      const start = performance.now();
      const r = await guess(server, identifier, WRONG, browser);
      expect(r.status).toBe(403);
      return performance.now() - start;
    };
    const real: number[] = [];
    const none: number[] = [];
    for (let i = 0; i < 60; i++) {
      real.push(await timed(email));
      none.push(await timed(unknown));
    }
    const all = [...real, ...none];
    const iqr = quantile(all, 0.75) - quantile(all, 0.25);
    const gap = Math.abs(median(real) - median(none));
    expect(gap, `median gap ${gap.toFixed(2)} ms, IQR ${iqr.toFixed(2)} ms`).toBeLessThan(iqr);
  });
});
