/**
 * The text messages' templates (Liquid, rendered as plain text by the mail adapter's engine).
 *
 * `verification_code` ends with the WebOTP line `@{{ webotp_domain }} #{{ code }}`, so a
 * browser on that host offers to fill the code in (`navigator.credentials.get({ otp })`,
 * and Android's SMS User Consent / iOS's one-time-code autofill). The domain is the Frontend
 * API's host without its port: the host that serves the Account Portal. WebOTP only fills
 * the code on a page of that host (an app on another origin still reads the code, it just
 * gets no autofill prompt); the line must stay last, and the code must not appear twice
 * in it. Variables: `app_name`, `code`, `expires_in_minutes`, `webotp_domain`.
 */
import type { SmsTemplateSlug } from '../../domain/ports.ts';

export const DEFAULT_SMS_TEMPLATES: Record<SmsTemplateSlug, string> = {
  verification_code: `{{ code }} is your {{ app_name }} verification code. It expires in {{ expires_in_minutes }} minutes. Do not share it.

@{{ webotp_domain }} #{{ code }}`,
};
