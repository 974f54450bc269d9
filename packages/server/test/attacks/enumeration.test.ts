/**
 * User enumeration: telling from the answers whether an address has an account.
 * - `bulk` (default): unknown addresses are reported, but each such answer costs the IP a
 *   point; past the limit every step naming an identifier answers 429 before any lookup, so
 *   a list of addresses cannot be tested, and the 429 tells nothing either.
 * - `strict`: a sign-up with a taken address answers exactly like a new one; the owner is
 *   mailed a notice instead of a code, and any code entered fails as incorrect.
 * - Timing, every mode: an unknown identifier with a password runs a dummy hash, so the two
 *   kinds of answer take the same time (a statistical check over a few hundred requests).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../backend-api/expect-error.ts';
import { createUser, PASSWORD, uniqueEmail } from '../fixtures/flows.ts';
import type { HttpResult } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { guess } from './attacker.ts';

const PROBES = 3;

let bulk: TestServer;
let strict: TestServer;
let timing: TestServer;
beforeAll(async () => {
  [bulk, strict, timing] = await Promise.all([
    startServer({
      settings: {
        attack_protection: {
          user_enumeration: { probes_per_ip_per_10_minutes: PROBES },
          rate_limits: { enabled: false },
        },
      },
    }),
    startServer({
      settings: {
        auth: { email_address: { sign_in_with_code: true } },
        attack_protection: { user_enumeration: { mode: 'strict' }, rate_limits: { enabled: false } },
      },
    }),
    startServer({
      settings: {
        attack_protection: {
          user_enumeration: { probes_per_ip_per_10_minutes: 1_000_000 },
          rate_limits: { enabled: false },
          user_lockout: { max_attempts: 1000 },
        },
      },
    }),
  ]);
});
afterAll(() => Promise.all([bulk.close(), strict.close(), timing.close()]));

const expectTooMany = (r: HttpResult) => {
  expectError(r, 'too_many_requests');
  expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
};

describe('bulk mode: probing a list of addresses from one IP', () => {
  it('answers the first probes, then 429 for every identifier, known or not', async () => {
    const { email } = await createUser(bulk);
    // Sign-ins of a real account cost no probe points.
    for (let i = 0; i < 5; i++) expectError(await guess(bulk, email, 'a wrong password'), 'form_password_incorrect');

    for (let i = 0; i < PROBES; i++)
      expectError(
        await bulk.browser().post('/v1/client/sign_ins', { identifier: uniqueEmail('probe') }),
        'form_identifier_not_found',
      );
    expectTooMany(await bulk.browser().post('/v1/client/sign_ins', { identifier: uniqueEmail('probe') }));
    // The refusal comes before the lookup: a known address gets the same 429.
    expectTooMany(await bulk.browser().post('/v1/client/sign_ins', { identifier: email }));
    expectTooMany(await bulk.browser().post('/v1/client/sign_ups', { email_address: email, password: PASSWORD }));
  });
});

describe('strict mode: sign-up with a taken address', () => {
  const start = (email: string) =>
    strict.browser().post('/v1/client/sign_ups', { email_address: email, password: PASSWORD });
  /** The response without what differs between any two sign-ups (ids, times, the address). */
  const shape = (r: HttpResult) => {
    const { id: _i, email_address: _e, abandon_at: _a, verifications, ...rest } = r.body.response;
    const email = verifications?.email_address && {
      ...verifications.email_address,
      expire_at: typeof verifications.email_address.expire_at,
    };
    return { status: r.status, rest, verifications: { ...verifications, email_address: email } };
  };

  it('answers exactly like a new address, at create and at prepare_verification', async () => {
    const { email } = await createUser(strict);
    const fresh = uniqueEmail('fresh');
    const [takenBrowser, freshBrowser] = [strict.browser(), strict.browser()];
    const taken = await takenBrowser.post('/v1/client/sign_ups', { email_address: email, password: PASSWORD });
    const created = await freshBrowser.post('/v1/client/sign_ups', { email_address: fresh, password: PASSWORD });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(shape(taken)).toEqual(shape(created));

    const prepare = (b: typeof takenBrowser, id: string) =>
      b.post(`/v1/client/sign_ups/${id}/prepare_verification`, { strategy: 'email_code' });
    const p1 = await prepare(takenBrowser, taken.body.response.id);
    const p2 = await prepare(freshBrowser, created.body.response.id);
    expect(shape(p1)).toEqual(shape(p2));
    expect((await start(email)).status).toBe(200);
  });

  it('mails the owner a notice, never a code, and any code entered fails as incorrect', async () => {
    const { email, userId } = await createUser(strict);
    const browser = strict.browser();
    const taken = await browser.post('/v1/client/sign_ups', { email_address: email, password: PASSWORD });
    const id = taken.body.response.id;
    await browser.post(`/v1/client/sign_ups/${id}/prepare_verification`, { strategy: 'email_code' });
    const mail = await strict.lastDevEmail(email);
    expect(mail.subject).toBe('Someone tried to sign up to My application with your email address');
    expect(mail.text).toContain('already has one');
    expect(mail.text).not.toMatch(/\b\d{6}\b/);

    for (const code of ['000000', '123456'])
      expectError(
        await browser.post(`/v1/client/sign_ups/${id}/attempt_verification`, { strategy: 'email_code', code }),
        'form_code_incorrect',
      );
    const users = await strict.backend.get(`/v1/users?email_address=${encodeURIComponent(email)}`);
    expect(users.body.map((u: { id: string }) => u.id)).toEqual([userId]);
  });

  it('still mails a code to a new address', async () => {
    const fresh = uniqueEmail('fresh');
    const browser = strict.browser();
    const created = await browser.post('/v1/client/sign_ups', { email_address: fresh, password: PASSWORD });
    await browser.post(`/v1/client/sign_ups/${created.body.response.id}/prepare_verification`, {
      strategy: 'email_code',
    });
    expect((await strict.lastDevEmail(fresh)).text).toMatch(/\b\d{6}\b/);
  });
});

describe('strict mode: email-code sign-in', () => {
  /** A sign-in response without what differs between any two (ids, times, the address). */
  const signInShape = (r: HttpResult) => {
    const {
      id: _i,
      identifier: _n,
      abandon_at: _a,
      supported_first_factors,
      first_factor_verification,
      ...rest
    } = r.body.response;
    return {
      status: r.status,
      rest,
      factors: supported_first_factors.map((f: { strategy: string }) => f.strategy),
      verification: first_factor_verification && { ...first_factor_verification, expire_at: 'a time' },
    };
  };

  async function codeSignIn(identifier: string) {
    const browser = strict.browser();
    const created = await browser.post('/v1/client/sign_ins', { identifier });
    const id = created.body.response.id;
    const prepared = await browser.post(`/v1/client/sign_ins/${id}/prepare_first_factor`, { strategy: 'email_code' });
    const wrong = await browser.post(`/v1/client/sign_ins/${id}/attempt_first_factor`, {
      strategy: 'email_code',
      code: '000000',
    });
    return { created, prepared, wrong };
  }

  it('shows an unknown address the same code step, and its attempts fail as an incorrect code', async () => {
    const { email } = await createUser(strict);
    const known = await codeSignIn(email);
    const unknownEmail = uniqueEmail('nobody');
    const unknown = await codeSignIn(unknownEmail);

    expect(unknown.created.body.response.supported_first_factors).toContainEqual({
      strategy: 'email_code',
      safe_identifier: `${unknownEmail[0]}***@example.com`,
    });
    expect(signInShape(unknown.created)).toEqual(signInShape(known.created));
    expect(unknown.prepared.status).toBe(200);
    expect(signInShape(unknown.prepared)).toEqual(signInShape(known.prepared));
    expectError(unknown.wrong, 'form_code_incorrect');
    expect(unknown.wrong.body.errors).toEqual(known.wrong.body.errors);
    // The owner got a code; nobody got one for the unknown address.
    expect((await strict.lastDevEmail(email)).text).toMatch(/\b\d{6}\b/);
    await expect(strict.lastDevEmail(unknownEmail)).rejects.toThrow(/no dev mail/);
  });
});

describe('timing: known and unknown identifiers with a password take the same time', () => {
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  const quantile = (xs: number[], q: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  };

  it('medians of 120 + 120 alternating requests differ by less than the interquartile range', async () => {
    const { email } = await createUser(timing);
    const browser = timing.browser();
    const timed = async (identifier: string) => {
      const t0 = performance.now();
      const r = await browser.post('/v1/client/sign_ins', { identifier, password: 'a wrong password' });
      const ms = performance.now() - t0;
      expect(r.status).toBe(422);
      return ms;
    };
    for (let i = 0; i < 10; i++) await timed(i % 2 ? email : uniqueEmail('warmup'));

    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 120; i++) {
      known.push(await timed(email));
      unknown.push(await timed(uniqueEmail('nobody')));
    }
    const all = [...known, ...unknown];
    const iqr = quantile(all, 0.75) - quantile(all, 0.25);
    const gap = Math.abs(median(known) - median(unknown));
    expect(gap, `median gap ${gap.toFixed(2)} ms, IQR ${iqr.toFixed(2)} ms`).toBeLessThan(iqr);
  }, 120_000);
});
