/**
 * Whether a new email address may join the instance (sign-up, adding an address, admin create):
 * - allowlist on: only addresses it names (the address itself or its `*@domain`) pass, and an
 *   empty allowlist lets nothing pass; an address the allowlist names skips the blocklist;
 * - blocklist on: an address it names is refused, and so is every subaddress of a blocked address;
 * - subaddresses blocked: any `+`, `=` or `#` in the local part is refused;
 * - disposable domains blocked: an address at a disposable domain (or a subdomain of one) is refused.
 * Phone numbers follow the two lists the same way (by exact number).
 * Only new addresses are checked: users who already have one keep signing in with it.
 * List refusals answer `not_allowed_access` whichever list refused, so the answer does not
 * tell an allowlist from a blocklist; format refusals answer `form_email_address_blocked`.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { Instance } from '../instances/instance.ts';
import { emailListKeys, isSubaddress } from '../policies/identifier-restrictions.ts';

export async function assertEmailAllowed(
  deps: Pick<Deps, 'store' | 'disposableDomains'>,
  instance: Instance,
  email: string,
  paramName = 'email_address',
): Promise<void> {
  const r = instance.settings.restrictions;
  if (r.block_email_subaddresses.enabled && isSubaddress(email))
    throw new GatehouseError('form_email_address_blocked', {
      longMessage: 'Email addresses with +, = or # in the part before the @ cannot be used.',
      meta: { param_name: paramName, reason: 'subaddress' },
    });
  if (
    r.block_disposable_email_domains.enabled &&
    deps.disposableDomains.isDisposable(
      email.slice(email.lastIndexOf('@') + 1),
      r.block_disposable_email_domains.list_path,
    )
  )
    throw new GatehouseError('form_email_address_blocked', {
      longMessage: 'Email addresses from disposable email providers cannot be used.',
      meta: { param_name: paramName, reason: 'disposable_domain' },
    });
  await assertListsAllow(deps, instance, emailListKeys(email), paramName);
}

/**
 * The allowlist and blocklist rules, for any identifier: `exact` are the entries that name it
 * on an allowlist, `all` those that block it (for an email address, also the address it is a
 * subaddress of and its domain).
 */
export async function assertListsAllow(
  deps: Pick<Deps, 'store'>,
  instance: Instance,
  keys: { exact: string[]; all: string[] },
  paramName: string,
): Promise<void> {
  const r = instance.settings.restrictions;
  const notAllowed = () => new GatehouseError('not_allowed_access', { meta: { param_name: paramName } });
  if (r.allowlist.enabled) {
    const allowed = await deps.store.restrictions.match(instance.id, 'allowlist', keys.exact);
    if (allowed.matched.length === 0) throw notAllowed();
    return;
  }
  if (r.blocklist.enabled) {
    const blocked = await deps.store.restrictions.match(instance.id, 'blocklist', keys.all);
    if (blocked.matched.length > 0) throw notAllowed();
  }
}

/** Whether a new phone number (E.164) may join the instance: the allowlist and blocklist, by exact number. */
export const assertPhoneNumberAllowed = (deps: Pick<Deps, 'store'>, instance: Instance, e164: string): Promise<void> =>
  assertListsAllow(deps, instance, { exact: [e164], all: [e164] }, 'phone_number');
