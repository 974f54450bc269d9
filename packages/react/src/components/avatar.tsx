/** The user's initials in a circle (or their picture, when they have one). */
import type { User } from '@gatehouse/js';

export function initials(user: Pick<User, 'firstName' | 'lastName' | 'username' | 'primaryEmailAddress'>): string {
  const fromNames = [user.firstName, user.lastName].map((n) => n?.trim()[0] ?? '').join('');
  const fallback = user.username ?? user.primaryEmailAddress?.emailAddress ?? '?';
  return (fromNames || fallback.trim()[0] || '?').toUpperCase();
}

export function Avatar({ user }: { user: User }) {
  return user.hasImage && user.imageUrl ? (
    <img className="gh-avatar" src={user.imageUrl} alt="" />
  ) : (
    <span className="gh-avatar" aria-hidden="true">
      {initials(user)}
    </span>
  );
}
