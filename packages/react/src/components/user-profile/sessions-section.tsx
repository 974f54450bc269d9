/** The user's active sessions on every device; this one is marked, the others can be signed out. */
import type { Session, User } from '@gatehouse/js';
import { useCallback, useEffect, useState } from 'react';
import { useLocalization } from '../../context.ts';
import { Alert } from '../../ui/card.tsx';
import { useFormErrors } from '../../ui/form-errors.ts';
import { fmt } from '../../ui/localization/en-us.ts';
import { Section } from './section.tsx';

export function SessionsSection({ user, currentSessionId }: { user: User; currentSessionId: string | null }) {
  const l = useLocalization();
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const form = useFormErrors([]);
  const { fail, clear } = form;
  const reload = useCallback(
    () =>
      user
        .getSessions()
        .then((list) => setSessions(list.sort((a, b) => b.lastActiveAt.getTime() - a.lastActiveAt.getTime())), fail),
    [user, fail],
  );
  const userId = user.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload once per user, not per user object.
  useEffect(() => {
    void reload();
  }, [userId]);

  const revoke = (s: Session) => {
    clear();
    s.revoke().then(reload, fail);
  };
  const when = (d: Date) => d.toLocaleString(l.locale, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <Section title={l.userProfile.sessionsSection} className="gh-sessions-section">
      <Alert message={form.errors.general} />
      {sessions === null ? (
        <p className="gh-hint">{l.common.loading}</p>
      ) : (
        <ul className="gh-list">
          {sessions.map((s) => (
            <li key={s.id} className="gh-list-item" data-session-id={s.id}>
              <span>
                {fmt(l.userProfile.lastActive, { date: when(s.lastActiveAt) })}
                {s.id === currentSessionId && (
                  <span className="gh-badge gh-badge-success"> {l.userProfile.thisDevice}</span>
                )}
              </span>
              {s.id !== currentSessionId && (
                <button type="button" className="gh-button gh-button-secondary" onClick={() => revoke(s)}>
                  {l.userProfile.revoke}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
