/**
 * A worker thread that runs zxcvbn's strength estimate for new passwords, at the lowest CPU
 * priority (see `hash-worker.ts` for why). The estimate takes milliseconds to tens of
 * milliseconds of pure CPU per password, and anyone can send passwords to sign-up: on the
 * event loop, a sign-up storm took a quarter of the loop from token minting. The estimate
 * itself stays the domain's pure function; this thread only runs it.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { estimateStrength, type PasswordStrength } from '../../domain/policies/password-policy.ts';
import type { WorkerResult } from './worker-pool.ts';

export type StrengthJob = { id: number; password: string; userInputs: string[] };

// Build zxcvbn's dictionaries (a few hundred milliseconds, once) before lowering the priority:
// at the lowest priority on a busy machine that would take far longer, and the first sign-up
// waits for it.
estimateStrength('warm-up');

try {
  setPriority(19);
} catch {
  // Not permitted everywhere (some containers); the estimate still works at normal priority.
}

parentPort?.on('message', (job: StrengthJob) => {
  let result: WorkerResult<PasswordStrength>;
  try {
    result = { id: job.id, ok: true, value: estimateStrength(job.password, job.userInputs) };
  } catch (e) {
    result = { id: job.id, ok: false, error: (e as Error).message };
  }
  parentPort?.postMessage(result);
});
