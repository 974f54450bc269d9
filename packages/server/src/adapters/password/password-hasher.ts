/**
 * Password hashing: argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane), computed by
 * @node-rs/argon2 on dedicated worker threads at the lowest CPU priority, never on the event
 * loop nor on the libuv threadpool that signs session tokens.
 *
 * - Concurrency is capped (default: one fewer than the CPUs, at least one) so hashing cannot
 *   take every core from token minting; excess waits in a bounded queue, and past it the
 *   request fails fast with `server_busy` instead of piling up.
 * - Imported hashes are accepted: any argon2 PHC string and bcrypt (`$2a$`, `$2b$`, `$2y$`).
 *   `needsRehash` tells the caller to upgrade such a hash after a successful sign-in.
 * - `verifyDummy` runs a full verification against a throwaway hash, so a sign-in for an
 *   unknown account costs the same time as one with a wrong password.
 * - `estimateStrength` runs zxcvbn for new passwords on a sibling worker (started on first use,
 *   also at the lowest priority, with its own cap and queue): it costs up to tens of
 *   milliseconds of CPU per password, which on the event loop let a sign-up storm halve token
 *   minting. A sibling rather than the hash workers, so an estimate does not queue behind
 *   hashes and a sign-up does not wait twice for the same permits.
 */
import { availableParallelism } from 'node:os';
import { GatehouseError } from '@gatehouse/shared';
import type { Algorithm } from '@node-rs/argon2';
import type { PasswordStrength } from '../../domain/policies/password-policy.ts';
import type { PasswordHasher } from '../../domain/ports.ts';
import type { HashJob } from './hash-worker.ts';
import { Semaphore } from './semaphore.ts';
import type { StrengthJob } from './strength-worker.ts';
import { WorkerPool } from './worker-pool.ts';

type WithoutId<J> = J extends { id: number } ? Omit<J, 'id'> : never;

export interface ClosablePasswordHasher extends PasswordHasher {
  close(): Promise<void>;
}

export const ARGON2_OPTIONS = {
  // Algorithm.Argon2id; the package declares a const enum, which type stripping cannot inline.
  algorithm: 2 as Algorithm,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * `test-minimum`: argon2id at the library's floor (8 KiB, 1 pass), so a test suite that signs
 * up thousands of users does not spend its minutes hashing. Only under `NODE_ENV=test`: a
 * server asked for it anywhere else refuses to start.
 */
export type PasswordHashCost = 'production' | 'test-minimum';

const TEST_MINIMUM_OPTIONS = { ...ARGON2_OPTIONS, memoryCost: 8, timeCost: 1 } as const;

export function argon2OptionsFor(cost: PasswordHashCost = 'production') {
  if (cost === 'production') return ARGON2_OPTIONS;
  if (process.env.NODE_ENV !== 'test')
    throw new TypeError('the test-minimum password hash cost is for test runs only (NODE_ENV=test)');
  return TEST_MINIMUM_OPTIONS;
}

const prefixOf = (o: typeof ARGON2_OPTIONS | typeof TEST_MINIMUM_OPTIONS) =>
  `$argon2id$v=19$m=${o.memoryCost},t=${o.timeCost},p=${o.parallelism}$`;

export function createPasswordHasher(
  opts: { concurrency?: number; maxQueue?: number; strengthConcurrency?: number; cost?: PasswordHashCost } = {},
): ClosablePasswordHasher {
  const options = argon2OptionsFor(opts.cost);
  const currentPrefix = prefixOf(options);
  const concurrency = opts.concurrency ?? Math.max(1, availableParallelism() - 1);
  const maxQueue = opts.maxQueue ?? 256;
  const gate = new Semaphore(concurrency, maxQueue);
  const pool = new WorkerPool<WithoutId<HashJob>, string | boolean>(
    new URL('./hash-worker.ts', import.meta.url),
    concurrency,
  );
  const strengthConcurrency = opts.strengthConcurrency ?? 1;
  const strengthGate = new Semaphore(strengthConcurrency, maxQueue);
  let strengthPool: WorkerPool<WithoutId<StrengthJob>, PasswordStrength> | null = null;
  let dummy: Promise<string> | null = null;

  const limited = async <T>(fn: () => Promise<T>, on = gate, reason = 'password_hashing_saturated'): Promise<T> => {
    const r = await on.run(fn);
    if (r === null) throw new GatehouseError('server_busy', { meta: { reason } });
    return r.value;
  };

  const verify = (digest: string, password: string): Promise<boolean> =>
    limited(async () => (await pool.run({ op: 'verify', digest, password })) === true);
  const hash = (password: string): Promise<string> =>
    limited(async () => String(await pool.run({ op: 'hash', password, options })));

  return {
    hash,
    verify,
    async verifyDummy(password) {
      dummy ??= hash('gatehouse-dummy-password').catch((e: unknown) => {
        dummy = null; // a busy moment must not poison the dummy for good
        throw e;
      });
      await verify(await dummy, password);
    },
    needsRehash: (digest) => !digest.startsWith(currentPrefix),
    estimateStrength: (password, userInputs) =>
      limited(
        () => {
          strengthPool ??= new WorkerPool(new URL('./strength-worker.ts', import.meta.url), strengthConcurrency);
          return strengthPool.run({ password, userInputs });
        },
        strengthGate,
        'password_screening_saturated',
      ),
    async close() {
      await Promise.all([pool.close(), strengthPool?.close()]);
    },
  };
}
