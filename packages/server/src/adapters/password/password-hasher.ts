/**
 * Password hashing: argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane), computed on
 * libuv worker threads by @node-rs/argon2, never on the event loop.
 *
 * - Concurrency is capped (default: one fewer than the CPUs, at least one) so hashing cannot
 *   take every core and every threadpool slot from token minting; excess waits in a bounded
 *   queue, and past it the request fails fast with `server_busy` instead of piling up.
 * - Imported hashes are accepted: any argon2 PHC string and bcrypt (`$2a$`, `$2b$`, `$2y$`).
 *   `needsRehash` tells the caller to upgrade such a hash after a successful sign-in.
 * - `verifyDummy` runs a full verification against a throwaway hash, so a sign-in for an
 *   unknown account costs the same time as one with a wrong password.
 */
import { availableParallelism } from 'node:os';
import { GatehouseError } from '@gatehouse/shared';
import { type Algorithm, hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { compare as bcryptCompare } from '@node-rs/bcrypt';
import type { PasswordHasher } from '../../domain/ports.ts';
import { Semaphore } from './semaphore.ts';

export type { PasswordHasher };

export const ARGON2_OPTIONS = {
  // Algorithm.Argon2id; the package declares a const enum, which type stripping cannot inline.
  algorithm: 2 as Algorithm,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

const CURRENT_PREFIX = `$argon2id$v=19$m=${ARGON2_OPTIONS.memoryCost},t=${ARGON2_OPTIONS.timeCost},p=${ARGON2_OPTIONS.parallelism}$`;

export function createPasswordHasher(opts: { concurrency?: number; maxQueue?: number } = {}): PasswordHasher {
  const concurrency = opts.concurrency ?? Math.max(1, availableParallelism() - 1);
  const gate = new Semaphore(concurrency, opts.maxQueue ?? 256);
  let dummy: Promise<string> | null = null;

  const limited = async <T>(fn: () => Promise<T>): Promise<T> => {
    const r = await gate.run(fn);
    if (r === null) throw new GatehouseError('server_busy', { meta: { reason: 'password_hashing_saturated' } });
    return r.value;
  };

  const verify = (digest: string, password: string): Promise<boolean> =>
    limited(async () => {
      if (digest.startsWith('$2')) return bcryptCompare(password, digest);
      try {
        return await argon2Verify(digest, password);
      } catch {
        return false; // a malformed stored digest verifies nothing
      }
    });

  return {
    hash: (password) => limited(() => argon2Hash(password, ARGON2_OPTIONS)),
    verify,
    async verifyDummy(password) {
      dummy ??= argon2Hash('gatehouse-dummy-password', ARGON2_OPTIONS);
      await verify(await dummy, password);
    },
    needsRehash: (digest) => !digest.startsWith(CURRENT_PREFIX),
  };
}
