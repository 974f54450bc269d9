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
 */
import { availableParallelism } from 'node:os';
import { GatehouseError } from '@gatehouse/shared';
import type { Algorithm } from '@node-rs/argon2';
import type { PasswordHasher } from '../../domain/ports.ts';
import { HashWorkerPool } from './hash-worker-pool.ts';
import { Semaphore } from './semaphore.ts';

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

const CURRENT_PREFIX = `$argon2id$v=19$m=${ARGON2_OPTIONS.memoryCost},t=${ARGON2_OPTIONS.timeCost},p=${ARGON2_OPTIONS.parallelism}$`;

export function createPasswordHasher(opts: { concurrency?: number; maxQueue?: number } = {}): ClosablePasswordHasher {
  const concurrency = opts.concurrency ?? Math.max(1, availableParallelism() - 1);
  const gate = new Semaphore(concurrency, opts.maxQueue ?? 256);
  const pool = new HashWorkerPool(concurrency);
  let dummy: Promise<string> | null = null;

  const limited = async <T>(fn: () => Promise<T>): Promise<T> => {
    const r = await gate.run(fn);
    if (r === null) throw new GatehouseError('server_busy', { meta: { reason: 'password_hashing_saturated' } });
    return r.value;
  };

  const verify = (digest: string, password: string): Promise<boolean> =>
    limited(async () => (await pool.run({ op: 'verify', digest, password })) === true);
  const hash = (password: string): Promise<string> =>
    limited(async () => String(await pool.run({ op: 'hash', password, options: ARGON2_OPTIONS })));

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
    needsRehash: (digest) => !digest.startsWith(CURRENT_PREFIX),
    close: () => pool.close(),
  };
}
