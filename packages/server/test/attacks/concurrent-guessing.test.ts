/**
 * Concurrent guessing: 50 wrong passwords fired at once at one account must count exactly 50
 * failures (no lost update), and with a limit of 10 exactly 9 guesses are told "incorrect"
 * before the lock answers every other one. The count is one atomic UPDATE in the shared
 * database, so it holds across two server nodes as well (in the postgres project both nodes
 * use one PostgreSQL database; with Redis for rate limits, nothing about the count lives there).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { guess, lockoutState, tally } from './attacker.ts';

const GUESSES = 50;
const WRONG = 'not the password';
const noRateLimits = { rate_limits: { enabled: false } };

let roomy: TestServer;
let strict: TestServer;
let node1: TestServer;
let node2: TestServer;
beforeAll(async () => {
  [roomy, strict, node1] = await Promise.all([
    startServer({ settings: { attack_protection: { ...noRateLimits, user_lockout: { max_attempts: 100 } } } }),
    startServer({ settings: { attack_protection: { ...noRateLimits, user_lockout: { max_attempts: 10 } } } }),
    startServer({
      redis: true,
      settings: { attack_protection: { ...noRateLimits, user_lockout: { max_attempts: 100 } } },
    }),
  ]);
  node2 = await startServer({ redis: true, shareWith: node1 });
}, 60_000);
afterAll(async () => {
  await node2?.close();
  await Promise.all([roomy?.close(), strict?.close(), node1?.close()]);
});

describe(`${GUESSES} concurrent wrong passwords`, () => {
  it('count exactly 50 failures', async () => {
    const { email, userId } = await createUser(roomy);
    const responses = await Promise.all(Array.from({ length: GUESSES }, () => guess(roomy, email, WRONG)));
    expect(tally(responses)).toEqual({ form_password_incorrect: GUESSES });
    expect(await lockoutState(roomy, userId)).toEqual({
      locked: false,
      lockout_expires_in_seconds: null,
      verification_attempts_remaining: 100 - GUESSES,
    });
  });

  it('with a limit of 10: exactly 9 answer incorrect, every other one user_locked', async () => {
    const { email, userId } = await createUser(strict);
    const responses = await Promise.all(Array.from({ length: GUESSES }, () => guess(strict, email, WRONG)));
    expect(tally(responses)).toEqual({ form_password_incorrect: 9, user_locked: GUESSES - 9 });
    expect(await lockoutState(strict, userId)).toMatchObject({ locked: true, verification_attempts_remaining: 0 });
  });

  it('split over two nodes sharing the database: still exactly 50', async () => {
    const { email, userId } = await createUser(node1);
    const responses = await Promise.all(
      Array.from({ length: GUESSES }, (_, i) => guess(i % 2 === 0 ? node1 : node2, email, WRONG)),
    );
    expect(tally(responses)).toEqual({ form_password_incorrect: GUESSES });
    for (const node of [node1, node2])
      expect((await lockoutState(node, userId)).verification_attempts_remaining).toBe(100 - GUESSES);
  });
});
