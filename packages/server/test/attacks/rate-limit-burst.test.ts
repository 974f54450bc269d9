/**
 * Rate-limit bursts: per identifier (any IP), per instance (any IP), and a burst split over
 * two server nodes that share one Redis (and one database: PostgreSQL in the postgres
 * project), which must meet the shared limit exactly, as one node would. Every refusal is
 * `429 too_many_requests` with `Retry-After` and the error format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../backend-api/expect-error.ts';
import { createUser, uniqueEmail } from '../fixtures/flows.ts';
import type { HttpResult } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { guess, tally } from './attacker.ts';

const PER_IDENTIFIER = 3;
const PER_INSTANCE = 6;
const SHARED_ATTEMPTS = 5;
const BURST = 16;

let identifier: TestServer;
let instance: TestServer;
let node1: TestServer;
let node2: TestServer;
beforeAll(async () => {
  [identifier, instance, node1] = await Promise.all([
    startServer({
      settings: { attack_protection: { rate_limits: { attempts_per_identifier_per_minute: PER_IDENTIFIER } } },
    }),
    startServer({ settings: { attack_protection: { rate_limits: { requests_per_instance_per_10s: PER_INSTANCE } } } }),
    startServer({
      redis: true,
      settings: {
        attack_protection: {
          rate_limits: { attempts_per_ip_per_minute: SHARED_ATTEMPTS, requests_per_instance_per_10s: 1000 },
          user_lockout: { enabled: false },
        },
      },
    }),
  ]);
  node2 = await startServer({ redis: true, shareWith: node1 });
}, 60_000);
afterAll(async () => {
  await node2?.close();
  await Promise.all([identifier?.close(), instance?.close(), node1?.close()]);
});

function expectLimited(r: HttpResult) {
  expectError(r, 'too_many_requests');
  const retryAfter = Number(r.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(r.body.errors[0].meta.retry_after_seconds).toBe(retryAfter);
}

describe('per identifier', () => {
  it('limits guesses at one account whatever client sends them, and leaves other accounts alone', async () => {
    const alice = await createUser(identifier);
    const bob = await createUser(identifier);
    for (let i = 0; i < PER_IDENTIFIER; i++)
      expectError(await guess(identifier, alice.email, 'wrong password'), 'form_password_incorrect');
    expectLimited(await guess(identifier, alice.email, 'wrong password'));
    // Spelling the address differently does not make it another identifier.
    expectLimited(await guess(identifier, alice.email.toUpperCase(), 'wrong password'));
    expectLimited(await identifier.browser().post('/v1/client/sign_ups', { email_address: alice.email }));
    // Same IP, another account: not limited, so the key is the identifier.
    expectError(await guess(identifier, bob.email, 'wrong password'), 'form_password_incorrect');
  });
});

describe('per instance', () => {
  it(`refuses the request after ${PER_INSTANCE} in 10 seconds to the instance, from any client`, async () => {
    for (let i = 0; i < PER_INSTANCE; i++)
      expect((await instance.browser().get('/v1/environment')).status, `request ${i + 1}`).toBe(200);
    expectLimited(await instance.browser().get('/v1/environment'));
    expectLimited(await instance.browser().post('/v1/client/sign_ins', { identifier: uniqueEmail() }));
  });
});

describe('a burst split over two nodes sharing Redis', () => {
  it(`meets the shared limit exactly: ${SHARED_ATTEMPTS} of ${BURST} concurrent attempts pass, the rest get 429`, async () => {
    const { email } = await createUser(node1);
    const responses = await Promise.all(
      Array.from({ length: BURST }, (_, i) => guess(i % 2 === 0 ? node1 : node2, email, 'wrong password')),
    );
    expect(tally(responses)).toEqual({
      form_password_incorrect: SHARED_ATTEMPTS,
      too_many_requests: BURST - SHARED_ATTEMPTS,
    });
    for (const r of responses.filter((x) => x.status === 429)) expectLimited(r);
  });
});
