import { GatehouseError } from '@gatehouse/shared';
import { emailCodeStrategy } from './email-code.ts';
import { passwordStrategy } from './password.ts';
import type { FirstFactorStrategy } from './strategy.ts';

/** Every first-factor strategy the server knows, in the order they are offered. */
export const FIRST_FACTORS: readonly FirstFactorStrategy[] = [passwordStrategy, emailCodeStrategy];

export function firstFactor(id: string): FirstFactorStrategy {
  const s = FIRST_FACTORS.find((f) => f.id === id);
  if (!s) throw new GatehouseError('strategy_not_allowed', { meta: { param_name: 'strategy', strategy: id } });
  return s;
}
