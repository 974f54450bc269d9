/**
 * The email-link first factor (magic link), where `auth.email_address.sign_in_with_link` is on:
 * - prepare needs a `redirect_url` the instance allows (absolute, allowed origin: never an open
 *   redirect) and mails a single-use link valid 10 minutes. The link carries a 256-bit random
 *   token; only its SHA-256 is stored, with the sign-in and the client that asked for it;
 * - a new link for the same sign-in waits `code_resend_after_seconds` (`too_many_requests`);
 *   earlier links stay valid until they expire and complete the same sign-in, once;
 * - there is no attempt: opening the link is the proof (`sign-in/verify-email-link.ts`);
 * - strict enumeration mode, unknown address: the link is stored but never sent, so the step
 *   looks the same.
 */
import { GatehouseError } from '@gatehouse/shared';
import { allowedRedirectUrl } from '../policies/redirect-url.ts';
import { hashToken } from '../secrets.ts';
import { codeAddress } from './email-code-second-factor.ts';
import type { FirstFactorStrategy } from './strategy.ts';

export const EMAIL_LINK = 'email_link';
export const EMAIL_LINK_TTL_MS = 10 * 60 * 1000;
/** The Frontend API path the link points to (kept here so the domain can build the URL). */
export const EMAIL_LINK_VERIFY_PATH = '/v1/verify';

export const emailLinkStrategy: FirstFactorStrategy = {
  id: EMAIL_LINK,
  isAvailable: (user, settings) =>
    settings.auth.email_address.sign_in_with_link && (user === null || user.emailAddresses.length > 0),
  async prepare(deps, ctx, signIn, user, input) {
    const redirectUrl = allowedRedirectUrl(ctx.instance, input?.redirectUrl);
    // The link is opened from a mail client: only an absolute URL can take the browser back.
    if (redirectUrl === null || redirectUrl.startsWith('/'))
      throw new GatehouseError('form_param_format_invalid', {
        longMessage: 'redirect_url must be an absolute URL on an allowed origin.',
        meta: { param_name: 'redirect_url' },
      });
    const now = deps.clock.now();
    // Resend throttle, as for email codes: one link per sign-in per `code_resend_after_seconds`.
    const last = await deps.store.emailLinkTokens.latestCreatedAt(ctx.instance.id, signIn.id);
    const waitMs =
      last === null ? 0 : last + ctx.instance.settings.auth.email_address.code_resend_after_seconds * 1000 - now;
    if (waitMs > 0)
      throw new GatehouseError('too_many_requests', {
        longMessage: 'A link was just sent. Wait a moment before asking for a new one.',
        meta: { retry_after_seconds: Math.max(1, Math.ceil(waitMs / 1000)) },
      });
    const token = deps.random.token();
    const expiresAt = now + EMAIL_LINK_TTL_MS;
    await deps.store.emailLinkTokens.create({
      tokenHash: hashToken(token),
      instanceId: ctx.instance.id,
      signInId: signIn.id,
      clientId: signIn.clientId,
      redirectUrl,
      expiresAt,
      consumedAt: null,
      createdAt: now,
    });
    const to = user ? codeAddress(user, signIn.identifier) : null;
    if (to)
      await deps.mailer.send({
        instance: ctx.instance,
        to: to.emailAddress,
        template: 'magic_link',
        variables: {
          magic_link: `${ctx.instance.frontendApiUrl}${EMAIL_LINK_VERIFY_PATH}?token=${encodeURIComponent(token)}`,
          expires_in_minutes: EMAIL_LINK_TTL_MS / 60000,
        },
      });
    return { strategy: EMAIL_LINK, status: 'unverified', attempts: null, expireAt: expiresAt, verifiedAt: null };
  },
  async attempt() {
    throw new GatehouseError('strategy_not_allowed', {
      longMessage: 'An email link is verified by opening it, not by an attempt.',
      meta: { param_name: 'strategy', strategy: EMAIL_LINK },
    });
  },
};
