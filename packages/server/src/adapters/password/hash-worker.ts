/**
 * A worker thread that computes password hashes synchronously, at the lowest CPU priority.
 *
 * On Linux a thread's nice value is its own, so lowering this one leaves the event loop and
 * the libuv threads that sign session tokens at normal priority: when hashing and token minting
 * compete for the CPU, the kernel favours minting, and a storm of sign-ins cannot starve it.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { type Algorithm, hashSync, verifySync } from '@node-rs/argon2';
import { compareSync } from '@node-rs/bcrypt';
import type { WorkerResult } from './worker-pool.ts';

export type HashJob =
  | {
      id: number;
      op: 'hash';
      password: string;
      options: { algorithm: Algorithm; memoryCost: number; timeCost: number; parallelism: number };
    }
  | { id: number; op: 'verify'; digest: string; password: string };

export type HashResult = WorkerResult<string | boolean>;

try {
  setPriority(19);
} catch {
  // Not permitted everywhere (some containers); hashing still works at normal priority.
}

function run(job: HashJob): string | boolean {
  if (job.op === 'hash') return hashSync(job.password, job.options);
  if (job.digest.startsWith('$2')) return compareSync(job.password, job.digest);
  try {
    return verifySync(job.digest, job.password);
  } catch {
    return false; // a malformed stored digest verifies nothing
  }
}

parentPort?.on('message', (job: HashJob) => {
  let result: HashResult;
  try {
    result = { id: job.id, ok: true, value: run(job) };
  } catch (e) {
    result = { id: job.id, ok: false, error: (e as Error).message };
  }
  parentPort?.postMessage(result);
});
