/**
 * What the server embeds in an Account Portal page (`<script type="application/json"
 * id="gatehouse-portal-config">`) for the portal's script to read. Everything in it has been
 * checked by the server: the redirect targets are allowed origins or portal paths, the
 * appearance variables match the settings schema's colour and length patterns.
 */
export type PortalPage = 'sign-in' | 'sign-up' | 'user' | 'unauthorized-sign-in';

/** What a new-device email's "This wasn't me" link did: the outcome its confirmation page shows. */
export type UnauthorizedSignInStatus = 'revoked' | 'used' | 'expired' | 'invalid';

export interface PortalConfig {
  page: PortalPage;
  publishable_key: string;
  application_name: string;
  /** Where to go once signed in or signed up (a validated `redirect_url`, the instance's default, or `/user`). */
  after_auth_url: string;
  /** The page's own `redirect_url` when it was valid, carried over to the sign-in / sign-up links. */
  redirect_url: string | null;
  localization: 'en-US' | 'fr-FR';
  /** `appearance.variables` of @gatehouse/react (camelCase keys), only the ones the instance set. */
  appearance_variables: Record<string, string>;
  /** Only on the `unauthorized-sign-in` page: the link's outcome, and who to write to about it. */
  unauthorized_sign_in?: { status: UnauthorizedSignInStatus; support_email: string | null };
}

/** The id of the element that holds the JSON config. */
export const PORTAL_CONFIG_ELEMENT_ID = 'gatehouse-portal-config';
