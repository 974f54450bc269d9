import { GatehouseError } from '@gatehouse/shared';
import type { InstanceSettings } from '../../config/instance-settings.ts';
import type { SignIn } from '../sign-in/sign-in.ts';
import type { User } from '../users/user.ts';
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

/**
 * Whether the sign-in offers this first factor now. A sign-in waiting to link a provider account
 * offers only the email code to the address in question, whatever else the instance enables:
 * that code is what proves the address.
 */
export function isFirstFactorOffered(
  strategy: FirstFactorStrategy,
  signIn: SignIn,
  user: User | null,
  settings: InstanceSettings,
): boolean {
  if (signIn.pendingExternalAccount) return strategy.id === 'email_code' && user !== null;
  return strategy.isAvailable(user, settings, signIn.identifier);
}
