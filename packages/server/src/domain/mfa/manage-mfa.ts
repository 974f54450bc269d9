/**
 * A user's own MFA settings (`/v1/me/totp`, `/v1/me/backup_codes`) and the administrator's
 * switch-off (Backend API `DELETE /v1/users/{id}/mfa`):
 * - verifying a TOTP enables it and issues ten backup codes, shown once;
 * - backup codes can be regenerated (voiding the old ones) only by a user with another
 *   second factor: alone they would be a second password written on paper;
 * - removing the TOTP also voids the backup codes unless an SMS second factor remains;
 * - disabling MFA removes the TOTP and backup codes and releases the second-factor numbers.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { User } from '../users/user.ts';
import { type BackupCodeDeps, regenerateBackupCodes } from './backup-codes.ts';
import { secondFactorPhones } from './second-factors.ts';
import { type TotpDeps, verifyTotpEnrolment } from './totp.ts';

export type ManageMfaDeps = TotpDeps & BackupCodeDeps;

export async function confirmTotp(deps: ManageMfaDeps, user: User, code: string) {
  return deps.store.transaction(async (store) => {
    const record = await verifyTotpEnrolment({ ...deps, store }, user, code);
    const backupCodes = await regenerateBackupCodes({ ...deps, store }, user);
    return { record, backupCodes };
  });
}

export async function removeTotp(deps: Pick<Deps, 'store'>, user: User): Promise<void> {
  if (!(await deps.store.mfa.deleteTotp(user.instanceId, user.id)))
    throw new GatehouseError('resource_not_found', { longMessage: 'No authenticator app is set up.' });
  if (secondFactorPhones(user).length === 0) await deps.store.mfa.deleteBackupCodes(user.instanceId, user.id);
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
  });
}
