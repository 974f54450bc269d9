/**
 * TOTP authenticators (RFC 6238, with `otpauth`): SHA-1, 6 digits, 30-second steps, the
 * parameters every authenticator app supports.
 * - enrolment creates an unverified TOTP (a new one replaces an unverified one; a verified
 *   one must be removed first) and is confirmed by a first code;
 * - a code is accepted in a ±1 step window (clock drift), and only once: accepting it raises
 *   the user's last used step in one conditional write, so a replayed code, an older step
 *   and a concurrent reuse of the same code are all refused;
 * - the secret is stored sealed by `SecretBox` (JWE under a key derived from the deployment
 *   secret) and leaves the server only in the enrolment response.
 */
import { GatehouseError } from '@gatehouse/shared';
import { Secret, TOTP } from 'otpauth';
import type { Deps } from '../deps.ts';
import type { Instance } from '../instances/instance.ts';
import type { TotpRecord } from '../store.ts';
import { primaryEmail, type User } from '../users/user.ts';

export type TotpDeps = Pick<Deps, 'store' | 'clock' | 'random' | 'secretBox'>;

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one. */
export const TOTP_WINDOW = 1;

const totpFor = (instance: Instance, user: User, secret: string) =>
  new TOTP({
    issuer: instance.name,
    label: primaryEmail(user)?.emailAddress ?? user.username ?? user.id,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });

/** The time step whose code `code` is, within the window around `now`; null when none. */
export function matchingStep(secret: string, code: string, now: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    timestamp: now,
    window: TOTP_WINDOW,
  });
  if (delta === null) return null;
  return TOTP.counter({ period: TOTP_PERIOD_SECONDS, timestamp: now }) + delta;
}

export interface CreatedTotp {
  record: TotpRecord;
  secret: string;
  uri: string;
}

/** Starts an enrolment: a new unverified TOTP with its secret and `otpauth://` URI. */
export async function createTotp(deps: TotpDeps, instance: Instance, user: User): Promise<CreatedTotp> {
  if (user.totpEnabled) throw new GatehouseError('totp_already_enabled');
  const secret = new Secret({ size: 20 }).base32;
  const now = deps.clock.now();
  const record: TotpRecord = {
    id: deps.random.id('totp'),
    instanceId: instance.id,
    userId: user.id,
    secretEncrypted: await deps.secretBox.seal(secret, user.id),
    verified: false,
    lastUsedStep: 0,
    createdAt: now,
    updatedAt: now,
  };
  if (!(await deps.store.mfa.replaceUnverifiedTotp(record))) throw new GatehouseError('totp_already_enabled');
  return { record, secret, uri: totpFor(instance, user, secret).toString() };
}

async function secretOf(deps: TotpDeps, record: TotpRecord): Promise<string> {
  return deps.secretBox.open(record.secretEncrypted, record.userId);
}

const incorrect = () => new GatehouseError('form_code_incorrect', { meta: { param_name: 'code' } });

/**
 * Confirms an enrolment with a first code; the TOTP is then enabled. Returns the record.
 * The code's step is used, so it cannot then sign in.
 */
export async function verifyTotpEnrolment(deps: TotpDeps, user: User, code: string): Promise<TotpRecord> {
  const record = await deps.store.mfa.findTotp(user.instanceId, user.id);
  if (!record) throw new GatehouseError('resource_not_found', { longMessage: 'Add an authenticator app first.' });
  if (record.verified) throw new GatehouseError('verification_already_verified');
  const now = deps.clock.now();
  const step = matchingStep(await secretOf(deps, record), code, now);
  if (step === null || !(await deps.store.mfa.verifyTotpIfUnverified(user.instanceId, user.id, step, now)))
    throw incorrect();
  return { ...record, verified: true, lastUsedStep: step, updatedAt: now };
}

/**
 * Checks a sign-in code against the user's verified TOTP and uses its step. Returns false for
 * a wrong, out-of-window or already used code (the caller counts the failure).
 */
export async function useTotpCode(deps: TotpDeps, user: User, code: string): Promise<boolean> {
  const record = await deps.store.mfa.findTotp(user.instanceId, user.id);
  if (!record?.verified) return false;
  const now = deps.clock.now();
  const step = matchingStep(await secretOf(deps, record), code, now);
  if (step === null) return false;
  return deps.store.mfa.useTotpStepIfNewer(user.instanceId, user.id, step, now);
}
