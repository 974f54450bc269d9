/**
 * The config one portal page runs with (see @gatehouse/shared's PortalConfig): the page, the
 * instance's key, name, theme and language, and where to go once signed in: the page's
 * `redirect_url` when allowed, else the instance's `after_sign_in_url` / `after_sign_up_url`,
 * else the portal's own account page.
 */
import type { PortalConfig, PortalPage, UnauthorizedSignInStatus } from '@gatehouse/shared/wire';
import type { Instance } from '../../domain/instances/instance.ts';
import { encodePublishableKey } from '../../domain/instances/publishable-key.ts';
import { allowedRedirectUrl } from '../../domain/policies/redirect-url.ts';

const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The instance's appearance variables in @gatehouse/react's camelCase, unset ones left out. */
export function appearanceVariables(instance: Instance): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(instance.settings.account_portal.appearance.variables))
    if (typeof v === 'string') out[camel(k)] = v;
  return out;
}

/** Where the portal sends a user who signed in (or up) without a valid `redirect_url`. */
export function defaultAfterAuthUrl(instance: Instance, flow: 'sign-in' | 'sign-up'): string {
  const portal = instance.settings.account_portal;
  return (flow === 'sign-up' ? portal.after_sign_up_url : portal.after_sign_in_url) ?? '/user';
}

export function portalPageConfig(instance: Instance, page: PortalPage, rawRedirect: string | undefined): PortalConfig {
  const redirect = allowedRedirectUrl(instance, rawRedirect);
  return {
    page,
    publishable_key: encodePublishableKey(instance.environment, instance.frontendApiHost),
    application_name: instance.settings.application_name,
    after_auth_url: redirect ?? defaultAfterAuthUrl(instance, page === 'sign-up' ? 'sign-up' : 'sign-in'),
    redirect_url: redirect,
    localization: instance.settings.account_portal.localization,
    appearance_variables: appearanceVariables(instance),
  };
}

/** The confirmation page of a "This wasn't me" link: the outcome, and the support address. */
export function unauthorizedSignInPageConfig(instance: Instance, status: UnauthorizedSignInStatus): PortalConfig {
  return {
    ...portalPageConfig(instance, 'unauthorized-sign-in', undefined),
    unauthorized_sign_in: { status, support_email: instance.settings.support_email },
  };
}
