/** The `backup_code` second factor: one of the user's single-use codes (see `mfa/backup-codes.ts`). */
import { useBackupCode } from '../mfa/backup-codes.ts';
import type { SecondFactorStrategy } from './second-factor.ts';

export const backupCodeStrategy: SecondFactorStrategy = {
  id: 'backup_code',
  views: (user) => (user.backupCodeEnabled ? [{ strategy: 'backup_code' }] : []),
  check: async (deps, _ctx, _flow, user, code) => ((await useBackupCode(deps, user, code)) ? 'verified' : 'incorrect'),
};
