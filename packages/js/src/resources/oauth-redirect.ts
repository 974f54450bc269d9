/**
 * Social sign-in's first leg (Clerk's `authenticateWithRedirect`): the sign-in or sign-up is
 * created with an `oauth_*` strategy and the URL the browser comes back to, and the browser is
 * sent to the provider's authorization page the answer names. The provider calls the Frontend
 * API back, which then sends the browser to `redirectUrlComplete` when the flow completed, else to
 * `redirectUrl`, where `gatehouse.handleRedirectCallback()` carries on (see redirect-callback.ts).
 */
import type { ResourceCore } from '../core/core.ts';

/** `oauth_google`, `oauth_github`, ..., `oauth_custom_<name>`. */
export type OAuthStrategy = `oauth_${string}`;

export interface AuthenticateWithRedirectParams {
  strategy: OAuthStrategy;
  /**
   * Where the browser comes back to when there is more to do: your SSO callback page (an
   * absolute URL on an allowed origin; a relative one is resolved against the current page).
   */
  redirectUrl: string;
  /** Where the browser goes once the sign-in or sign-up completed; without it, `redirectUrl`. */
  redirectUrlComplete?: string;
}

/** Sends the browser to the provider's authorization page of a verification just created. */
export async function navigateToProvider(
  core: ResourceCore,
  verification: { externalVerificationRedirectURL: URL | null } | null,
): Promise<void> {
  const url = verification?.externalVerificationRedirectURL;
  if (!url) throw new TypeError('The server sent no provider authorization URL for this strategy.');
  await core.navigate(url.href);
}
