/**
 * The user's active sessions on every device: browser and OS, place, IP address and last
 * activity ("Chrome 120 on macOS, Berlin, DE"); this one is marked, the others can be signed out.
 */
import type { SessionActivity, SessionWithActivities, User } from '@gatehouse/js';
import { useCallback, useEffect, useState } from 'react';
import { useLocalization } from '../../context.ts';
import { Alert } from '../../ui/card.tsx';
import { useFormErrors } from '../../ui/form-errors.ts';
import { fmt, type Localization } from '../../ui/localization/en-us.ts';
import { Section } from './section.tsx';

/** UA parsers name macOS "Mac OS"; people know it as macOS. */
const osLabel = (os: string) => (os === 'Mac OS' ? 'macOS' : os);

/** "Chrome 120 on macOS, Berlin, DE": the browser's major version, then the place when known. */
export function deviceLabel(a: SessionActivity | null, l: Localization): string {
  if (!a) return l.userProfile.unknownDevice;
  const browser = a.browserName ? [a.browserName, a.browserVersion?.split('.')[0]].filter(Boolean).join(' ') : null;
  const os = a.osName ? osLabel(a.osName) : null;
  const device =
    browser && os
      ? fmt(l.userProfile.deviceBrowserOnOs, { browser, os })
      : (browser ?? os ?? l.userProfile.unknownDevice);
  return [device, a.city, a.country].filter(Boolean).join(', ');
}

export function SessionsSection({ user, currentSessionId }: { user: User; currentSessionId: string | null }) {
  const l = useLocalization();
  const [sessions, setSessions] = useState<SessionWithActivities[] | null>(null);
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

  const revoke = (s: SessionWithActivities) => {
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
              <span className="gh-device">
                <span className="gh-device-name">
                  {deviceLabel(s.latestActivity, l)}
                  {s.id === currentSessionId && (
                    <span className="gh-badge gh-badge-success"> {l.userProfile.thisDevice}</span>
                  )}
                </span>
                {s.latestActivity?.ipAddress && (
                  <span className="gh-hint gh-device-ip">
                    {fmt(l.userProfile.ipAddress, { ipAddress: s.latestActivity.ipAddress })}
                  </span>
                )}
                <span className="gh-hint">{fmt(l.userProfile.lastActive, { date: when(s.lastActiveAt) })}</span>
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
