/**
 * The page a sign-in link answers with when it completes nothing: opened in another browser
 * (`client_mismatch`), late (`expired`), twice or changed (`failed`). Server-rendered: no
 * script, every value escaped. The status is in `data-clerk-status`, Clerk's `__clerk_status`
 * values, for tests and for apps that frame nothing but read the page.
 */
import type { Instance } from '../../domain/instances/instance.ts';
import type { EmailLinkOutcome } from '../../domain/sign-in/verify-email-link.ts';

export type LinkFailure = Exclude<EmailLinkOutcome, { status: 'verified' }>;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

function message(outcome: LinkFailure): { title: string; body: string } {
  switch (outcome.status) {
    case 'client_mismatch':
      return {
        title: 'Open this link on the device where you started',
        body: 'For your security, a sign-in link works only in the browser that asked for it. Open it there, or start signing in again on this device.',
      };
    case 'expired':
      return {
        title: 'This sign-in link has expired',
        body: 'Sign-in links work for 10 minutes. Go back to the sign-in page and ask for a new one.',
      };
    case 'failed':
      return outcome.reason === 'used'
        ? {
            title: 'This sign-in link was already used',
            body: 'A sign-in link works once. Go back to the sign-in page and ask for a new one if you are not signed in.',
          }
        : {
            title: 'This sign-in link is not valid',
            body: 'It may have been changed, cut short, or replaced by a newer sign-in. Go back to the sign-in page and ask for a new one.',
          };
  }
}

/** The HTTP status: nothing here is a success. */
export const failureStatusCode = (o: LinkFailure): number =>
  o.status === 'client_mismatch'
    ? 403
    : o.status === 'expired'
      ? 410
      : o.status === 'failed' && o.reason === 'used'
        ? 410
        : 400;

export function linkFailurePage(instance: Instance, outcome: LinkFailure): string {
  const { title, body } = message(outcome);
  const app = instance.settings.application_name;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(`${title} · ${app}`)}</title>
<style>body{margin:0;padding:48px 16px;background:#f6f7f9;color:#1f2328;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif}main{max-width:440px;margin:0 auto;background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:32px}h1{font-size:1.25em;margin:0 0 12px;color:#cf222e}p{line-height:1.5;color:#424a53}</style>
</head>
<body>
<main data-clerk-status="${outcome.status}">
<p>${escapeHtml(app)}</p>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(body)}</p>
</main>
</body>
</html>
`;
}
