/**
 * Backup codes: ten single-use codes, shown once (at TOTP enrolment or when regenerated).
 * - each code is 10 characters of [a-z0-9] from the CSPRNG (about 51 bits), so a keyed
 *   hash (HMAC with the deployment's code key, bound to the user) is enough to store them;
 * - regenerating voids every earlier code;
 * - a code is found by comparing its hash in constant time with each open one, and consumed
 *   by a conditional write: of concurrent attempts with one code exactly one wins.
 */
import type { Deps } from '../deps.ts';
import { constantTimeEqual, hmacCode } from '../secrets.ts';
import type { User } from '../users/user.ts';

export type BackupCodeDeps = Pick<Deps, 'store' | 'clock' | 'random' | 'codeKey'>;

export const BACKUP_CODE_COUNT = 10;
export const BACKUP_CODE_LENGTH = 10;

const hashOf = (deps: Pick<Deps, 'codeKey'>, user: User, code: string) =>
  hmacCode(deps.codeKey, `backup_code:${user.instanceId}:${user.id}`, code);

/** One code: base64url characters of a random token, keeping only [a-z0-9] (uniform among them). */
function newCode(deps: Pick<Deps, 'random'>): string {
  let out = '';
  while (out.length < BACKUP_CODE_LENGTH) out += deps.random.token().replace(/[^a-z0-9]/g, '');
  return out.slice(0, BACKUP_CODE_LENGTH);
}

/** Replaces the user's backup codes with ten new ones and returns them (the only time they are shown). */
export async function regenerateBackupCodes(deps: BackupCodeDeps, user: User): Promise<string[]> {
  const codes = Array.from({ length: BACKUP_CODE_COUNT }, () => newCode(deps));
  await deps.store.mfa.replaceBackupCodes(
    user.instanceId,
    user.id,
    codes.map((c) => ({ id: deps.random.id('bkc'), codeHash: hashOf(deps, user, c) })),
    deps.clock.now(),
  );
  return codes;
}

/** Uses one backup code; false when it is wrong or was used (by this or a concurrent request). */
export async function useBackupCode(deps: BackupCodeDeps, user: User, code: string): Promise<boolean> {
  const normalized = code.trim().toLowerCase();
  if (normalized.length !== BACKUP_CODE_LENGTH) return false;
  const candidate = hashOf(deps, user, normalized);
  const open = await deps.store.mfa.listOpenBackupCodes(user.instanceId, user.id);
  let match: string | null = null;
  // Every stored hash is compared, whatever matched, so timing does not tell which one did.
  for (const c of open) if (constantTimeEqual(c.codeHash, candidate)) match = c.id;
  if (match === null) return false;
  return deps.store.mfa.consumeBackupCodeIfOpen(user.instanceId, match, deps.clock.now());
}
