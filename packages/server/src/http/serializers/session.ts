import type { InstanceSettings } from '@gatehouse/shared/instance-settings';
import type { ClientSessionObject, SessionObject } from '@gatehouse/shared/wire';
import { abandonAt, factorVerificationAge, type Session } from '../../domain/sessions/session.ts';
import { primaryEmail, type User } from '../../domain/users/user.ts';
import { userView } from './user.ts';

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
  created_at: s.createdAt,
  updated_at: s.updatedAt,
});

export function clientSessionView(
  s: Session,
  user: User | null,
  settings: InstanceSettings,
  now: number,
): ClientSessionObject {
  return {
    object: 'session',
    id: s.id,
    status: s.status,
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
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}
