/**
 * A user's own MFA settings (`/v1/me/totp`, `/v1/me/backup_codes`) and the administrator's
 * (Backend API `/v1/users/{id}/mfa`, `/totp`, `/backup_code`, `/verify_totp`):
 * - verifying a TOTP enables it and issues ten backup codes, shown once; the code proves the
 *   factor, so the session that confirmed it has its second factor verified (`enrolment-proof.ts`);
 * - backup codes can be regenerated (voiding the old ones) only by a user with another
 *   second factor: alone they would be a second password written on paper;
 * - removing the TOTP also voids the backup codes unless an SMS second factor remains;
 * - disabling MFA removes the TOTP and backup codes and releases the second-factor numbers;
 * - checking a code for a server (`verify_totp`) is a sign-in's second step without the
 *   sign-in: same factors, same single use, same lockout.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { Instance } from '../instances/instance.ts';
import type { Session } from '../sessions/session.ts';
import { assertNotLocked, countFailedAttempt, countSuccessfulAttempt } from '../users/lockout.ts';
import type { User } from '../users/user.ts';
import { type BackupCodeDeps, regenerateBackupCodes, useBackupCode } from './backup-codes.ts';
import { markSecondFactorProven } from './enrolment-proof.ts';
import { secondFactorPhones, userSecondFactors } from './second-factors.ts';
import { type TotpDeps, useTotpCode, verifyTotpEnrolment } from './totp.ts';

export type ManageMfaDeps = TotpDeps & BackupCodeDeps & Pick<Deps, 'mailer'>;

/** Confirms the user's TOTP enrolment with a code, from `session` (the user's own). */
export async function confirmTotp(
  deps: ManageMfaDeps,
  user: User,
  code: string,
  session: Pick<Session, 'id' | 'instanceId'>,
) {
  return deps.store.transaction(async (store) => {
    const record = await verifyTotpEnrolment({ ...deps, store }, user, code);
    const backupCodes = await regenerateBackupCodes({ ...deps, store }, user);
    await markSecondFactorProven({ ...deps, store }, session);
    return { record, backupCodes };
  });
}

export async function removeTotp(deps: Pick<Deps, 'store'>, user: User): Promise<void> {
  if (!(await deps.store.mfa.deleteTotp(user.instanceId, user.id)))
    throw new GatehouseError('resource_not_found', { longMessage: 'No authenticator app is set up.' });
  if (secondFactorPhones(user).length === 0) await deps.store.mfa.deleteBackupCodes(user.instanceId, user.id);
  await deps.store.sessions.forgetMfaReady(user.instanceId, user.id); // see pending-session.ts
}

export async function newBackupCodes(deps: ManageMfaDeps, user: User): Promise<string[]> {
  if (!user.totpEnabled && secondFactorPhones(user).length === 0)
    throw new GatehouseError('strategy_for_user_invalid', {
      longMessage: 'Set up an authenticator app or an SMS second factor first.',
    });
  return regenerateBackupCodes(deps, user);
}

export async function disableMfa(deps: Pick<Deps, 'store' | 'clock'>, user: User): Promise<void> {
  const now = deps.clock.now();
  await deps.store.transaction(async (store) => {
    await store.mfa.deleteTotp(user.instanceId, user.id);
    await store.mfa.deleteBackupCodes(user.instanceId, user.id);
    for (const p of secondFactorPhones(user))
      await store.phoneNumbers.updateFlags(
        user.instanceId,
        user.id,
        p.id,
        { reservedForSecondFactor: false, defaultSecondFactor: false },
        now,
      );
    await store.sessions.forgetMfaReady(user.instanceId, user.id); // see pending-session.ts
  });
}

/** Voids every backup code of the user (Backend API `DELETE /v1/users/{id}/backup_code`). */
export async function removeBackupCodes(deps: Pick<Deps, 'store'>, user: User): Promise<void> {
  if ((await deps.store.mfa.deleteBackupCodes(user.instanceId, user.id)) === 0)
    throw new GatehouseError('resource_not_found', { longMessage: 'This user has no backup codes.' });
  await deps.store.sessions.forgetMfaReady(user.instanceId, user.id); // see pending-session.ts
}

type MfaCodeType = 'totp' | 'backup_code';

/**
 * Checks a TOTP or backup code of the user for a server (Backend API `verify_totp`), by the
 * rules of a sign-in's second step (`strategies/second-factor.ts`): only the factors the
 * instance allows; a locked account is refused before the code is looked at; a TOTP code's
 * step is used (a replay fails) and a backup code is consumed; a failure counts toward the
 * lockout and a success resets it.
 */
export async function verifyMfaCode(
  deps: ManageMfaDeps,
  instance: Instance,
  user: User,
  code: string,
): Promise<MfaCodeType> {
  const { settings } = instance;
  const factors = userSecondFactors(user, settings);
  const totp = factors.includes('totp');
  const backup = factors.includes('backup_code');
  if (!totp && !backup) throw new GatehouseError('totp_not_enabled');
  assertNotLocked(user, deps.clock.now());
  const candidate = code.trim();
  let matched: MfaCodeType | null = null;
  if (totp && (await useTotpCode(deps, user, candidate))) matched = 'totp';
  else if (backup && (await useBackupCode(deps, user, candidate))) matched = 'backup_code';
  if (matched === null) {
    await countFailedAttempt(deps, instance, user);
    throw new GatehouseError('form_code_incorrect', { meta: { param_name: 'code' } });
  }
  await countSuccessfulAttempt(deps, settings, user);
  return matched;
}
