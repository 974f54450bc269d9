/**
 * The HTML of a portal page: the built script and stylesheets, and the page config as an inert
 * JSON data block. Every value is escaped for where it lands: text for the title, attribute
 * values for URLs, and `<`, `>`, `&`, U+2028/2029 in the JSON, so no `redirect_url` or
 * application name can close the block or open a tag.
 */
import { PORTAL_CONFIG_ELEMENT_ID, type PortalConfig } from '@gatehouse/shared/wire';
import type { PortalAssets } from './assets.ts';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** JSON that is safe inside `<script type="application/json">`. */
export const jsonForScript = (value: unknown): string =>
  JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const TITLES: Record<PortalConfig['localization'], Record<PortalConfig['page'], string>> = {
  'en-US': { 'sign-in': 'Sign in', 'sign-up': 'Sign up', user: 'Account', 'unauthorized-sign-in': 'Sign-in reported' },
  'fr-FR': {
    'sign-in': 'Connexion',
    'sign-up': 'Inscription',
    user: 'Compte',
    'unauthorized-sign-in': 'Connexion signalée',
  },
};

export function portalHtml(config: PortalConfig, assets: PortalAssets): string {
  const title = `${TITLES[config.localization][config.page]} · ${config.application_name}`;
  const styles = assets.styles.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('');
  return `<!doctype html>
<html lang="${config.localization === 'fr-FR' ? 'fr' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
${styles}
<script type="module" src="${escapeHtml(assets.script)}"></script>
</head>
<body>
<main id="root"></main>
<script type="application/json" id="${PORTAL_CONFIG_ELEMENT_ID}">${jsonForScript(config)}</script>
</body>
</html>
`;
}
