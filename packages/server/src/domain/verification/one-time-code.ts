/**
 * One-time codes (6 digits) sent by email:
 * - valid 10 minutes; a new code voids the previous one;
 * - at most 3 attempts per code, counted atomically before the comparison, so concurrent
 *   guesses can never exceed the limit;
 * - single use: of several concurrent correct attempts exactly one consumes the code;
 * - stored as an HMAC bound to the subject and purpose, compared in constant time.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import { constantTimeEqual, hmacCode } from '../secrets.ts';
import type { Store } from '../store.ts';

export const CODE_LENGTH = 6;
export const CODE_TTL_MS = 10 * 60 * 1000;
export const CODE_MAX_ATTEMPTS = 3;

export interface CodeSubject {
  instanceId: string;
  /** The flow the code belongs to (a sign-up id, a sign-in id). */
  subjectId: string;
  /** What the code proves, e.g. `sign_up:email_address`. */
  purpose: string;
}

export type CodeAttempt =
  | { outcome: 'verified' }
  | { outcome: 'incorrect'; attemptsLeft: number; attempts: number }
  | { outcome: 'exhausted' }
  | { outcome: 'expired' }
  | { outcome: 'not_prepared' }
  | { outcome: 'already_used' };

const context = (s: CodeSubject) => `${s.instanceId}:${s.subjectId}:${s.purpose}`;

export async function issueCode(
  deps: Pick<Deps, 'random' | 'clock' | 'codeKey'>,
  store: Store,
  subject: CodeSubject,
  /** A fixed code instead of a random one: only a test identifier's (`policies/test-identifiers.ts`). */
  opts: { fixedCode?: string } = {},
): Promise<{ code: string; expiresAt: number }> {
  const now = deps.clock.now();
  const code = opts.fixedCode ?? deps.random.digits(CODE_LENGTH);
  const expiresAt = now + CODE_TTL_MS;
  await store.codes.replace({
    id: deps.random.id('code'),
    ...subject,
    codeHash: hmacCode(deps.codeKey, context(subject), code),
    attempts: 0,
    maxAttempts: CODE_MAX_ATTEMPTS,
    expiresAt,
    consumedAt: null,
    createdAt: now,
  });
  return { code, expiresAt };
}

export async function attemptCode(
  deps: Pick<Deps, 'clock' | 'codeKey'>,
  store: Store,
  subject: CodeSubject,
  code: string,
): Promise<CodeAttempt> {
  const now = deps.clock.now();
  const open = await store.codes.findLatestOpen(subject.instanceId, subject.subjectId, subject.purpose);
  if (!open) return { outcome: 'not_prepared' };
  if (open.expiresAt <= now) return { outcome: 'expired' };
  const attempts = await store.codes.countAttemptIf(subject.instanceId, open.id, now);
  if (attempts === null) {
    const again = await store.codes.findLatestOpen(subject.instanceId, subject.subjectId, subject.purpose);
    if (again?.id !== open.id) return { outcome: 'already_used' };
    return again.expiresAt <= now ? { outcome: 'expired' } : { outcome: 'exhausted' };
  }
  const candidate = hmacCode(deps.codeKey, context(subject), code);
  if (!constantTimeEqual(candidate, open.codeHash))
    return { outcome: 'incorrect', attempts, attemptsLeft: Math.max(0, open.maxAttempts - attempts) };
  return (await store.codes.consumeIfOpen(subject.instanceId, open.id, now))
    ? { outcome: 'verified' }
    : { outcome: 'already_used' };
}

/**
 * Turns every outcome but `verified` into the error the user sees, on the `code` field. The
 * incorrect count lives on the code row alone: callers must not save their flow on a failure
 * (that would bump its version under a concurrent correct attempt and make the winner conflict).
 * `not_prepared` after the caller checked its flow was prepared means the code is gone: used by
 * a concurrent attempt, or voided by a newer one.
 */
export function assertCodeVerified(result: CodeAttempt): void {
  switch (result.outcome) {
    case 'verified':
      return;
    case 'incorrect':
      throw new GatehouseError('form_code_incorrect', {
        meta: { param_name: 'code', attempts_remaining: result.attemptsLeft },
      });
    case 'expired':
      throw new GatehouseError('verification_expired', { meta: { param_name: 'code' } });
    case 'exhausted':
    case 'already_used':
    case 'not_prepared':
      throw new GatehouseError('verification_failed', { meta: { param_name: 'code' } });
  }
}
