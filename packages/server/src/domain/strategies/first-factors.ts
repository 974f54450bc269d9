import { GatehouseError } from '@gatehouse/shared';
import { emailCodeStrategy } from './email-code.ts';
import { emailLinkStrategy } from './email-link.ts';
import { passkeyStrategy } from './passkey.ts';
import { passwordStrategy } from './password.ts';
import { phoneCodeStrategy } from './phone-code.ts';
import type { FirstFactorStrategy } from './strategy.ts';

/** Every first-factor strategy the server knows, in the order they are offered. */
export const FIRST_FACTORS: readonly FirstFactorStrategy[] = [
  passwordStrategy,
  emailCodeStrategy,
  emailLinkStrategy,
  phoneCodeStrategy,
  passkeyStrategy,
];

export function firstFactor(id: string): FirstFactorStrategy {
  const s = FIRST_FACTORS.find((f) => f.id === id);
  if (!s) throw new GatehouseError('strategy_not_allowed', { meta: { param_name: 'strategy', strategy: id } });
  return s;
}
