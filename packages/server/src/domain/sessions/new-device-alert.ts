/**
 * The new-device sign-in alert. A sign-in that completes on a client (browser) where the user
 * never had a session, for a user who signed in before, emails the account owner what signed
 * in (device, browser, OS, IP address, location, method, time) with a "This wasn't me" link
 * that signs that one session out (see `report-unauthorized-sign-in.ts`).
 *
 * Never for the first sign-in after a sign-up (sessions a sign-up created do not count as
 * signing in before), nor for a client the user already had a session on.
 */
import type { InstanceSettings } from '@gatehouse/shared/instance-settings';
import type { Deps } from '../deps.ts';
import type { FlowContext } from '../flow-context.ts';
import { hashToken } from '../secrets.ts';
import type { Store } from '../store.ts';
import { primaryEmail, type User } from '../users/user.ts';
import { deviceLabel } from './device.ts';
import type { Session } from './session.ts';
import { signInMethodName } from './sign-in-method.ts';

/** How long the "This wasn't me" link works. */
export const UNAUTHORIZED_LINK_LIFETIME_MS = 7 * 24 * 3600 * 1000;

/** The Frontend API path the link points to (kept here so the domain can build the URL). */
export const UNAUTHORIZED_SIGN_IN_LINK_PATH = '/v1/unauthorized_sign_in';

/** Decides, before the new session is stored (inside the sign-in's transaction), whether to alert. */
export async function isUnrecognizedDevice(store: Store, ctx: FlowContext, userId: string): Promise<boolean> {
  if (!ctx.instance.settings.attack_protection.new_device_alerts.enabled) return false;
  const client = ctx.client.current;
  if (!client) return false;
  if (await store.sessions.existsForClientAndUser(ctx.instance.id, client.id, userId)) return false;
  return store.sessions.hasSignedInBefore(ctx.instance.id, userId);
}

const LOCATION_UNKNOWN = 'Unknown location';

/** The email's variables; documented in docs/email-templates.md (`new_device_sign_in`). */
export function alertVariables(
  session: Session,
  revokeUrl: string,
  settings: InstanceSettings,
): Record<string, unknown> {
  const a = session.activity ?? null;
  const location = a ? [a.city, a.country].filter(Boolean).join(', ') || LOCATION_UNKNOWN : LOCATION_UNKNOWN;
  return {
    device_type: a?.deviceType ?? 'unknown',
    browser_name: a?.browserName ?? 'Unknown browser',
    browser_version: a?.browserVersion ?? '',
    os_name: a?.osName ?? 'Unknown OS',
    device: a ? deviceLabel(a) : 'Unknown device',
    ip_address: a?.ipAddress ?? 'unknown',
    city: a?.city ?? null,
    country: a?.country ?? null,
    location,
    sign_in_method: session.signInMethod,
    sign_in_method_name: signInMethodName(session.signInMethod, settings),
    signed_in_at: new Date(session.createdAt).toUTCString(),
    revoke_url: revokeUrl,
    revoke_link_expires_in_days: UNAUTHORIZED_LINK_LIFETIME_MS / (24 * 3600 * 1000),
  };
}

/**
 * Stores a single-use link (only its SHA-256; the 256-bit token is only in the email) and
 * sends the alert. Runs after the sign-in committed; a mail that cannot be sent does not undo
 * the sign-in (the mailer logs the failure).
 */
export async function sendNewDeviceAlert(
  deps: Pick<Deps, 'clock' | 'random' | 'store' | 'mailer'>,
  ctx: FlowContext,
  user: User,
  session: Session,
): Promise<void> {
  const to = primaryEmail(user)?.emailAddress;
  if (!to) return;
  const token = deps.random.token();
  const now = deps.clock.now();
  await deps.store.unauthorizedSignInLinks.create({
    tokenHash: hashToken(token),
    instanceId: ctx.instance.id,
    userId: user.id,
    sessionId: session.id,
    expiresAt: now + UNAUTHORIZED_LINK_LIFETIME_MS,
    consumedAt: null,
    createdAt: now,
  });
  const revokeUrl = `${ctx.instance.frontendApiUrl}${UNAUTHORIZED_SIGN_IN_LINK_PATH}?token=${encodeURIComponent(token)}`;
  try {
    await deps.mailer.send({
      instance: ctx.instance,
      to,
      template: 'new_device_sign_in',
      variables: { first_name: user.firstName, ...alertVariables(session, revokeUrl, ctx.instance.settings) },
    });
  } catch {
    // Already logged by the mailer (without the body); the sign-in stands.
  }
}
