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
  /** Variables: `first_name`, `failed_attempts`, `locked_at`, `unlocks_at`, `unlocks_in_minutes`. */
  account_locked: {
    subject: 'Your {{ app_name }} account was locked',
    html: layout(`<h1 style="font-size:20px">Your account was locked</h1>
<p>{% if first_name %}Hi {{ first_name }}, your{% else %}Your{% endif %} {{ app_name }} account was locked after {{ failed_attempts }} failed sign-in attempts.</p>
<p>{% if unlocks_at %}You can sign in again in about {{ unlocks_in_minutes }} minutes ({{ unlocks_at }}).{% else %}It stays locked until support unlocks it.{% endif %}</p>
<p>If these attempts were not yours, someone may be guessing your password. Once you are back in, change your password and turn on two-step verification.</p>`),
    text: `{% if first_name %}Hi {{ first_name }}, your{% else %}Your{% endif %} {{ app_name }} account was locked after {{ failed_attempts }} failed sign-in attempts.

{% if unlocks_at %}You can sign in again in about {{ unlocks_in_minutes }} minutes ({{ unlocks_at }}).{% else %}It stays locked until support unlocks it.{% endif %}

If these attempts were not yours, someone may be guessing your password. Once you are back in, change your password and turn on two-step verification.
{% if support_email %}
Questions? Write to {{ support_email }}.{% endif %}
`,
  },
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
  /** Variables: see `TEMPLATE_VARIABLES.new_device_sign_in` (device, location, `revoke_url`, ...). */
  new_device_sign_in: {
    subject: 'New sign-in to your {{ app_name }} account',
    html: layout(`<h1 style="font-size:20px">New sign-in to your account</h1>
<p>Your {{ app_name }} account was just signed in to from a device it has not been used on before.</p>
<table style="font-size:14px;border-collapse:collapse">
<tr><td style="color:#656d76;padding:2px 12px 2px 0">Device</td><td>{{ device_type | capitalize }}: {{ device }}</td></tr>
<tr><td style="color:#656d76;padding:2px 12px 2px 0">Location</td><td>{{ location }}</td></tr>
<tr><td style="color:#656d76;padding:2px 12px 2px 0">IP address</td><td>{{ ip_address }}</td></tr>
<tr><td style="color:#656d76;padding:2px 12px 2px 0">Sign-in method</td><td>{{ sign_in_method_name }}</td></tr>
<tr><td style="color:#656d76;padding:2px 12px 2px 0">Time</td><td>{{ signed_in_at }}</td></tr>
</table>
<p>If this was you, there is nothing to do.</p>
<p>If it was not, sign that device out at once and change your password:</p>
<p><a href="{{ revoke_url }}" style="display:inline-block;background:#cf222e;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">This wasn't me: sign out that device</a></p>
<p style="color:#656d76;font-size:13px">The link works once, for {{ revoke_link_expires_in_days }} days.</p>
<p style="color:#656d76;font-size:12px">IP geolocation by <a href="https://db-ip.com" style="color:#656d76">DB-IP</a>.</p>`),
    text: `Your {{ app_name }} account was just signed in to from a device it has not been used on before.

Device: {{ device_type | capitalize }}: {{ device }}
Location: {{ location }}
IP address: {{ ip_address }}
Sign-in method: {{ sign_in_method_name }}
Time: {{ signed_in_at }}

If this was you, there is nothing to do.

If it was not, sign that device out at once and change your password.
This wasn't me: sign out that device: {{ revoke_url }}
(The link works once, for {{ revoke_link_expires_in_days }} days.)
IP geolocation by DB-IP (https://db-ip.com).
{% if support_email %}
Questions? Write to {{ support_email }}.{% endif %}
`,
  },
  /**
   * Strict enumeration mode: someone started a sign-up with an address that already has an
   * account. The sign-up screen looks as for a new address; the owner gets this instead of a code.
   * No variables beyond the common ones.
   */
  sign_up_email_taken: {
    subject: 'Someone tried to sign up to {{ app_name }} with your email address',
    html: layout(`<h1 style="font-size:20px">You already have an account</h1>
<p>Someone just tried to create a new {{ app_name }} account with this email address, which already has one.</p>
<p>If it was you, sign in instead; you can reset your password from the sign-in page if you have forgotten it.</p>
<p>If it was not you, you can ignore this email: no account was created and nothing about yours changed.</p>`),
    text: `Someone just tried to create a new {{ app_name }} account with this email address, which already has one.

If it was you, sign in instead; you can reset your password from the sign-in page if you have forgotten it.

If it was not you, you can ignore this email: no account was created and nothing about yours changed.
{% if support_email %}
Questions? Write to {{ support_email }}.{% endif %}
`,
  },
  /** Variables: `magic_link` (the single-use sign-in link), `expires_in_minutes`. */
  magic_link: {
    subject: 'Your {{ app_name }} sign-in link',
    html: layout(`<h1 style="font-size:20px">Sign in to {{ app_name }}</h1>
<p>Open this link to sign in. Use the same browser you asked for it in.</p>
<p><a href="{{ magic_link }}" style="display:inline-block;background:#1f2328;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">Sign in to {{ app_name }}</a></p>
<p style="color:#656d76;font-size:13px">The link works once and expires in {{ expires_in_minutes }} minutes. If you did not ask for it, you can ignore this email.</p>`),
    text: `Open this link to sign in to {{ app_name }} (in the same browser you asked for it in):

{{ magic_link }}

The link works once and expires in {{ expires_in_minutes }} minutes. If you did not ask for it, you can ignore this email.
{% if support_email %}
Questions? Write to {{ support_email }}.{% endif %}
`,
  },
};
