/**
 * A session's sign-in method as a person reads it (the new-device alert: "Sign-in method:
 * GitHub"), from the strategy the session records (`password`, `oauth_github`, ...). A custom
 * provider goes by the name the instance gave it.
 */
import { CUSTOM_OAUTH_STRATEGY_PREFIX, NAMED_OAUTH_PROVIDERS, OAUTH_STRATEGY_PREFIX } from '@gatehouse/shared';
import type { InstanceSettings } from '@gatehouse/shared/instance-settings';

const FACTOR_NAMES: Record<string, string> = {
  password: 'Password',
  email_code: 'Email code',
  email_link: 'Email link',
  phone_code: 'SMS code',
  passkey: 'Passkey',
};

export function signInMethodName(method: string, settings: InstanceSettings): string {
  if (method.startsWith(CUSTOM_OAUTH_STRATEGY_PREFIX)) {
    const name = method.slice(CUSTOM_OAUTH_STRATEGY_PREFIX.length);
    return (Object.hasOwn(settings.social.custom, name) && settings.social.custom[name]?.name) || name;
  }
  if (method.startsWith(OAUTH_STRATEGY_PREFIX)) {
    const id = method.slice(OAUTH_STRATEGY_PREFIX.length);
    return NAMED_OAUTH_PROVIDERS.find((p) => p.id === id)?.name ?? id;
  }
  return FACTOR_NAMES[method] ?? method;
}
