import type { InstanceSettings } from '@gatehouse/shared/instance-settings';
import type { ClientSessionObject, SessionActivityObject, SessionObject } from '@gatehouse/shared/wire';
import { pendingMfaTask } from '../../domain/mfa/second-factors.ts';
import { abandonAt, factorVerificationAge, type Session } from '../../domain/sessions/session.ts';
import { primaryEmail, type User } from '../../domain/users/user.ts';
import { userView } from './user.ts';

/**
 * Clerk's `latest_activity`: the device the session was created on. Its id derives from the
 * session's (one activity per session). Null for sessions older than device recording; left
 * out where the read did not load it.
 */
export function sessionActivityView(s: Session): SessionActivityObject | null | undefined {
  if (s.activity === undefined) return undefined;
  const a = s.activity;
  if (a === null) return null;
  return {
    object: 'session_activity',
    id: `sess_activity_${s.id.replace(/^sess_/, '')}`,
    browser_name: a.browserName,
    browser_version: a.browserVersion,
    os_name: a.osName,
    device_type: a.deviceType,
    is_mobile: a.deviceType === 'mobile',
    ip_address: a.ipAddress,
    city: a.city,
    country: a.country,
    sign_in_method: s.signInMethod,
  };
}

const withActivity = (s: Session) => {
  const activity = sessionActivityView(s);
  return activity === undefined ? {} : { latest_activity: activity };
};

export const sessionView = (s: Session, settings: InstanceSettings): SessionObject => ({
  object: 'session',
  id: s.id,
  user_id: s.userId,
  client_id: s.clientId,
  status: s.status,
  actor: null,
  last_active_organization_id: null,
  last_active_at: s.lastActiveAt,
  expire_at: s.expireAt,
  abandon_at: abandonAt(s, settings),
  ...withActivity(s),
  created_at: s.createdAt,
  updated_at: s.updatedAt,
});

export function clientSessionView(
  s: Session,
  user: User | null,
  settings: InstanceSettings,
  now: number,
): ClientSessionObject {
  const task = s.status === 'active' && user ? pendingMfaTask(user, settings) : null;
  return {
    object: 'session',
    id: s.id,
    status: task ? 'pending' : s.status,
    ...(task && { tasks: [{ key: task }] }),
    expire_at: s.expireAt,
    abandon_at: abandonAt(s, settings),
    last_active_at: s.lastActiveAt,
    last_active_organization_id: null,
    actor: null,
    user: user ? userView(user, now, { includePrivate: false }) : null,
    public_user_data: user
      ? {
          first_name: user.firstName,
          last_name: user.lastName,
          image_url: '',
          has_image: false,
          identifier: primaryEmail(user)?.emailAddress ?? user.username ?? user.id,
          user_id: user.id,
          username: user.username,
        }
      : null,
    factor_verification_age: factorVerificationAge(s, now),
    ...withActivity(s),
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}
