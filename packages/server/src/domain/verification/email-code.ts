/**
 * Issues a one-time code for an email address (sign-in `email_code`, sign-up and profile
 * verification), before the caller mails it:
 * - resend throttle: a new code for the same flow and purpose only `code_resend_after_seconds`
 *   after the last one (`too_many_requests` with `retry_after_seconds`), so a script cannot
 *   turn the server into a mail cannon at one inbox;
 * - test addresses (`+gatehouse_test` on a development instance) get the fixed code `424242`
 *   and `fixed: true`: callers send nothing. The code still goes through `one-time-code.ts`,
 *   so its rules (10 minutes, 3 attempts, single use) hold for test addresses too.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { Instance } from '../instances/instance.ts';
import { fixedTestCode } from '../policies/test-identifiers.ts';
import type { Store } from '../store.ts';
import { type CodeSubject, issueCode } from './one-time-code.ts';

export interface IssuedEmailCode {
  code: string;
  expiresAt: number;
  /** A test address's fixed code: nothing must be sent. */
  fixed: boolean;
}

/** Throws `too_many_requests` when the subject's last code is younger than the resend interval. */
async function assertCanResend(deps: Pick<Deps, 'clock'>, store: Store, instance: Instance, subject: CodeSubject) {
  const intervalMs = instance.settings.auth.email_address.code_resend_after_seconds * 1000;
  if (intervalMs === 0) return;
  const last = await store.codes.findLatestOpen(subject.instanceId, subject.subjectId, subject.purpose);
  if (!last) return;
  const waitMs = last.createdAt + intervalMs - deps.clock.now();
  if (waitMs > 0)
    throw new GatehouseError('too_many_requests', {
      longMessage: 'A code was just sent. Wait a moment before asking for a new one.',
      meta: { retry_after_seconds: Math.max(1, Math.ceil(waitMs / 1000)) },
    });
}

/** `to` is the address the code is for (null: none, strict enumeration mode's unknown address). */
export async function issueEmailCode(
  deps: Pick<Deps, 'random' | 'clock' | 'codeKey'>,
  store: Store,
  instance: Instance,
  subject: CodeSubject,
  to: string | null,
): Promise<IssuedEmailCode> {
  await assertCanResend(deps, store, instance, subject);
  const fixedCode = to === null ? null : fixedTestCode(instance.environment, { kind: 'email_address', value: to });
  const { code, expiresAt } = await issueCode(deps, store, subject, fixedCode ? { fixedCode } : {});
  return { code, expiresAt, fixed: fixedCode !== null };
}
