import { GatehouseError } from '@gatehouse/shared';
import type { InstanceSettings } from '../../config/instance-settings.ts';
import type { User } from '../users/user.ts';
import { backupCodeStrategy } from './backup-code.ts';
import { phoneCodeSecondFactor } from './phone-code-second-factor.ts';
import type { SecondFactorStrategy, SecondFactorView } from './second-factor.ts';
import { totpStrategy } from './totp.ts';

/** Every MFA strategy the server knows, in the order they are offered. */
export const SECOND_FACTORS: readonly SecondFactorStrategy[] = [
  totpStrategy,
  phoneCodeSecondFactor,
  backupCodeStrategy,
];

/** The MFA strategy `id` if the instance allows it; `strategy_not_allowed` otherwise. */
export function secondFactor(id: string, settings: InstanceSettings): SecondFactorStrategy {
  const s = SECOND_FACTORS.find((f) => f.id === id);
  if (!s || !settings.auth.multi_factor.allowed.includes(s.id))
    throw new GatehouseError('strategy_not_allowed', { meta: { param_name: 'strategy', strategy: id } });
  return s;
}

/** The MFA strategy `id` if the instance allows it and the user has it; typed errors otherwise. */
export function userSecondFactor(id: string, user: User, settings: InstanceSettings): SecondFactorStrategy {
  const strategy = secondFactor(id, settings);
  if (strategy.views(user).length === 0)
    throw new GatehouseError('strategy_for_user_invalid', { meta: { param_name: 'strategy' } });
  return strategy;
}

/** `supported_second_factors` for a user with MFA: each allowed factor the user has. */
export const mfaFactorViews = (user: User, settings: InstanceSettings): SecondFactorView[] =>
  SECOND_FACTORS.filter((s) => settings.auth.multi_factor.allowed.includes(s.id)).flatMap((s) => s.views(user));
