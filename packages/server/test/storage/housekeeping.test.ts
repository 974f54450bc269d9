/**
 * The housekeeping sweep deletes codes, flows and links a week after they expired, and
 * nothing that is still live or only recently expired; a batch never exceeds its limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETENTION_AFTER_EXPIRY_MS, sweepExpired } from '../../src/services/housekeeping.ts';
import type { Database } from '../../src/storage/schema.ts';
import { createUser } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    settings: {
      auth: { email_address: { sign_in_with_code: true } },
      attack_protection: { rate_limits: { enabled: false } },
    },
  });
});
afterAll(() => server.close());

const DAY = 24 * 60 * 60 * 1000;

/** Rows of `table` belonging to this test's instance. */
async function count(table: 'sign_ins' | 'verification_codes' | 'sign_ups'): Promise<number> {
  const db = server.runtime.database.db as unknown as import('kysely').Kysely<Database>;
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('instance_id', '=', server.instance.id)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A sign-in waiting for a mailed code: one sign_ins row and one verification_codes row. */
async function signInWaitingForCode() {
  const { email } = await createUser(server);
  const browser = server.browser();
  const created = await browser.post('/v1/client/sign_ins', { identifier: email });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const id = created.body.response.id as string;
  const prepared = await browser.post(`/v1/client/sign_ins/${id}/prepare_first_factor`, { strategy: 'email_code' });
  expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
  return { browser, id };
}

describe('housekeeping sweep', () => {
  it('keeps live rows and rows expired less than the retention ago, then deletes them', async () => {
    const { browser, id } = await signInWaitingForCode();
    const signUp = await server.browser().post('/v1/client/sign_ups', {});
    expect(signUp.status, JSON.stringify(signUp.body)).toBe(200);
    const before = { signIns: await count('sign_ins'), codes: await count('verification_codes') };
    expect(before.signIns).toBeGreaterThan(0);
    expect(before.codes).toBeGreaterThan(0);
    expect(await count('sign_ups')).toBeGreaterThan(0);

    await sweepExpired(server.deps);
    expect(await count('sign_ins')).toBe(before.signIns);
    expect(await count('verification_codes')).toBe(before.codes);

    // Expired (flows live at most a day), but still within the retention: kept.
    server.clock.advance(2 * DAY);
    await sweepExpired(server.deps);
    expect(await count('sign_ins')).toBe(before.signIns);

    server.clock.advance(RETENTION_AFTER_EXPIRY_MS);
    const deleted = await sweepExpired(server.deps);
    expect(deleted.sign_ins).toBeGreaterThanOrEqual(before.signIns);
    expect(deleted.verification_codes).toBeGreaterThanOrEqual(before.codes);
    expect(await count('sign_ins')).toBe(0);
    expect(await count('verification_codes')).toBe(0);
    expect(await count('sign_ups')).toBe(0);

    // The client still answers: its sign-in is simply gone, not a server error.
    const r = await browser.get(`/v1/client/sign_ins/${id}`);
    expect(r.status).toBeLessThan(500);
    const client = await browser.get('/v1/client');
    expect(client.status).toBe(200);

    // What starts now is untouched by the next sweep.
    await signInWaitingForCode();
    await sweepExpired(server.deps);
    expect(await count('sign_ins')).toBe(1);
  });

  it('deletes at most the batch limit per statement', async () => {
    for (let i = 0; i < 3; i++) await signInWaitingForCode();
    const n = await count('sign_ins');
    expect(n).toBeGreaterThanOrEqual(3);
    const far = server.clock.now() + 30 * DAY;
    expect(await server.deps.store.expiredRecords.deleteExpired('sign_ins', far, 2)).toBe(2);
    expect(await count('sign_ins')).toBe(n - 2);
  });
});
