/**
 * The default email templates (Liquid). Each has a subject, an HTML part and a text part.
 * Variables available to every template: `app_name`, `support_email`; the rest are listed
 * per template. In the HTML part every output is HTML-escaped.
 */
export interface EmailTemplate {
  subject: string;
  html: string;
  text: string;
}

import type { TemplateSlug } from '../../domain/ports.ts';

const layout = (body: string) => `<!doctype html>
<html><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f6f7f9;padding:24px">
<div style="max-width:480px;margin:0 auto;background:#fff;border-radius:8px;padding:32px;color:#1f2328">
${body}
{% if support_email %}<p style="color:#656d76;font-size:13px">Questions? Write to {{ support_email }}.</p>{% endif %}
</div></body></html>`;

export const DEFAULT_TEMPLATES: Record<TemplateSlug, EmailTemplate> = {
  /** Variables: `code`, `expires_in_minutes`. */
  verification_code: {
    subject: '{{ code }} is your {{ app_name }} verification code',
    html: layout(`<h1 style="font-size:20px">Verify your email address</h1>
<p>Enter this code to continue to {{ app_name }}:</p>
<p style="font-size:32px;font-weight:600;letter-spacing:6px">{{ code }}</p>
<p>The code expires in {{ expires_in_minutes }} minutes. If you did not ask for it, you can ignore this email.</p>`),
    text: `Enter this code to continue to {{ app_name }}: {{ code }}

The code expires in {{ expires_in_minutes }} minutes. If you did not ask for it, you can ignore this email.
{% if support_email %}
Questions? Write to {{ support_email }}.{% endif %}
`,
  },
  /** Variables: `changed_at` (ISO time). */
  password_changed: {
    subject: 'Your {{ app_name }} password was changed',
    html: layout(`<h1 style="font-size:20px">Your password was changed</h1>
<p>The password of your {{ app_name }} account was changed on {{ changed_at }}.</p>
<p>If you did not change it, reset your password at once and contact support.</p>`),
    text: `The password of your {{ app_name }} account was changed on {{ changed_at }}.

If you did not change it, reset your password at once and contact support.
{% if support_email %}
Questions? Write to {{ support_email }}.{% endif %}
`,
  },
};
