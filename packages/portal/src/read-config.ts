/** Reads the config the server embedded in the page (see @gatehouse/shared's PortalConfig). */
import { PORTAL_CONFIG_ELEMENT_ID, type PortalConfig } from '@gatehouse/shared/wire';

export function readPortalConfig(doc: Document): PortalConfig {
  const text = doc.getElementById(PORTAL_CONFIG_ELEMENT_ID)?.textContent;
  if (!text) throw new Error('The Account Portal page has no config.');
  return JSON.parse(text) as PortalConfig;
}

/** A portal page's URL, carrying the validated `redirect_url` along (sign-in ↔ sign-up links). */
export function portalPath(path: '/sign-in' | '/sign-up' | '/user', redirectUrl: string | null): string {
  return redirectUrl ? `${path}?${new URLSearchParams({ redirect_url: redirectUrl })}` : path;
}
