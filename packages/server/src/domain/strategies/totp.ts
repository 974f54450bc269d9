/** The `totp` second factor: a code from the user's authenticator app (see `mfa/totp.ts`). */
import { useTotpCode } from '../mfa/totp.ts';
import type { SecondFactorStrategy } from './second-factor.ts';

export const totpStrategy: SecondFactorStrategy = {
  id: 'totp',
  views: (user) => (user.totpEnabled ? [{ strategy: 'totp' }] : []),
  check: async (deps, _ctx, _flow, user, code) => ((await useTotpCode(deps, user, code)) ? 'verified' : 'incorrect'),
};
