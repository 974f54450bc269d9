/**
 * The confirmation page a "This wasn't me" link lands on, server-rendered: no script, every
 * value escaped, themed with the instance's validated appearance colours. The Account Portal
 * serves the real page; this one stands in only when the server has no portal build, because
 * the device was already signed out and the user must still learn so (not get a 503).
 * Also the plain-text answer of instances without the portal.
 */
import type { UnauthorizedSignInStatus } from '@gatehouse/shared/wire';
import type { Instance } from '../../domain/instances/instance.ts';

export type PageStatus = UnauthorizedSignInStatus;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

export const MESSAGES: Record<PageStatus, { title: string; body: string }> = {
  revoked: {
    title: 'That device was signed out',
    body: 'The sign-in you reported was ended: that device must sign in again. If you did not sign in, change your password now.',
  },
  used: {
    title: 'This link was already used',
    body: 'The sign-in it reported was already signed out. A link works once. If you still see activity you do not recognise, change your password.',
  },
  expired: {
    title: 'This link has expired',
    body: 'Links to sign out a device work for 7 days. Sign in and review your devices in your account settings.',
  },
  invalid: {
    title: 'This link is not valid',
    body: 'It may have been changed or cut short. Open the link from the email again, or sign in and review your devices in your account settings.',
  },
};

/** Plain-text confirmation, for instances without the Account Portal. */
export const plainText = (instance: Instance, status: PageStatus): string =>
  `${instance.settings.application_name}: ${MESSAGES[status].title}.\n\n${MESSAGES[status].body}\n`;

export function pageHtml(instance: Instance, status: PageStatus): string {
  const v = instance.settings.account_portal.appearance.variables;
  const { title, body } = MESSAGES[status];
  const support = instance.settings.support_email;
  const accent = status === 'revoked' ? (v.color_success ?? '#1a7f37') : (v.color_danger ?? '#cf222e');
  const css = [
    `body{margin:0;padding:48px 16px;background:${v.color_background ?? '#f6f7f9'};color:${v.color_text ?? '#1f2328'};`,
    `font-family:${v.font_family ?? 'system-ui,-apple-system,Segoe UI,Roboto,sans-serif'};font-size:${v.font_size ?? '16px'}}`,
    `main{max-width:440px;margin:0 auto;background:#fff;border:1px solid ${v.color_border ?? '#d0d7de'};`,
    `border-radius:${v.border_radius ?? '8px'};padding:32px}`,
    `h1{font-size:1.25em;margin:0 0 12px;color:${accent}}`,
    `p{line-height:1.5;color:${v.color_text_secondary ?? '#424a53'}}`,
  ].join('');
  // The values passed the settings' colour/length/font patterns (no `<`, `;` or `}`); dropping
  // `<` and `>` as well keeps `</style>` out whatever a future pattern lets through.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(`${title} · ${instance.settings.application_name}`)}</title>
<style>${css.replace(/[<>]/g, '')}</style>
</head>
<body>
<main data-status="${status}">
<p>${escapeHtml(instance.settings.application_name)}</p>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(body)}</p>
${support ? `<p>Questions? Write to <a href="mailto:${escapeHtml(support)}">${escapeHtml(support)}</a>.</p>` : ''}
</main>
</body>
</html>
`;
}
