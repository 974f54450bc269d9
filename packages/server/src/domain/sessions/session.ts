/**
 * A session: one signed-in user on one client. Its status only moves away from `active`:
 *   active → ended (sign-out) | removed (client removed it) | revoked (admin or owner elsewhere)
 *          | expired (max lifetime passed) | abandoned (inactivity timeout passed)
 * `expired` and `abandoned` are discovered lazily, when the session is next used.
 */
import type { InstanceSettings } from '../../config/instance-settings.ts';

export type SessionStatus = 'active' | 'ended' | 'expired' | 'removed' | 'revoked' | 'abandoned';

/** The device a session was created on, recorded once at sign-in (see `device.ts`). */
export interface SessionActivity {
  browserName: string | null;
  browserVersion: string | null;
  osName: string | null;
  deviceType: 'desktop' | 'mobile' | 'tablet' | null;
  ipAddress: string;
  city: string | null;
  country: string | null;
}

/** What created a session: the first sign-in after a sign-up never raises a new-device alert. */
export type SessionOrigin = 'sign_in' | 'sign_up';

export interface Session {
  id: string;
  instanceId: string;
  clientId: string;
  userId: string;
  status: SessionStatus;
  lastActiveAt: number;
  expireAt: number;
  firstFactorVerifiedAt: number;
  secondFactorVerifiedAt: number | null;
  signInMethod: string;
  /**
   * The device it was created on; null for sessions older than device recording; undefined
   * where the read did not load it (the token-minting path).
   */
  activity?: SessionActivity | null;
  /** Null for sessions older than the column; undefined where the read did not load it. */
  origin?: SessionOrigin | null;
  /**
   * True once the user was found to have a second factor, so that where MFA is required the
   * token-minting path need not read the user (`mfa/pending-session.ts`); false: not known.
   */
  mfaReady?: boolean;
  endedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** When an active session would be abandoned for inactivity; `expireAt` when the timeout is off. */
export const abandonAt = (s: Pick<Session, 'lastActiveAt' | 'expireAt'>, settings: InstanceSettings): number =>
  settings.sessions.inactivity_timeout.enabled
    ? Math.min(s.expireAt, s.lastActiveAt + settings.sessions.inactivity_timeout.seconds * 1000)
    : s.expireAt;

/**
 * The status a session has at `now`: a stored `active` session may in fact have expired or
 * been abandoned. The caller persists the change when it differs.
 */
export function effectiveStatus(s: Session, settings: InstanceSettings, now: number): SessionStatus {
  if (s.status !== 'active') return s.status;
  if (now >= s.expireAt) return 'expired';
  if (settings.sessions.inactivity_timeout.enabled && now >= abandonAt(s, settings)) return 'abandoned';
  return 'active';
}

/** Minutes since the first and second factor were verified; -1 when never (the `fva` claim). */
export const factorVerificationAge = (
  s: Pick<Session, 'firstFactorVerifiedAt' | 'secondFactorVerifiedAt'>,
  now: number,
): [number, number] => [
  Math.max(0, Math.floor((now - s.firstFactorVerifiedAt) / 60_000)),
  s.secondFactorVerifiedAt === null ? -1 : Math.max(0, Math.floor((now - s.secondFactorVerifiedAt) / 60_000)),
];
