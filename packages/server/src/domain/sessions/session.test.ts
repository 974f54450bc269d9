import { describe, expect, it } from 'vitest';
import { defaultSettings, type InstanceSettings, resolveSettings } from '../../config/instance-settings.ts';
import { abandonAt, effectiveStatus, factorVerificationAge, type Session, type SessionStatus } from './session.ts';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const session = (over: Partial<Session> = {}): Session => ({
  id: 'sess_1',
  instanceId: 'ins_1',
  clientId: 'client_1',
  userId: 'user_1',
  status: 'active',
  lastActiveAt: NOW,
  expireAt: NOW + 7 * DAY,
  firstFactorVerifiedAt: NOW,
  secondFactorVerifiedAt: null,
  signInMethod: 'password',
  endedAt: null,
  createdAt: NOW,
  updatedAt: NOW,
  ...over,
});

/** Inactivity timeout on, after one hour. */
const withTimeout = (seconds = 3600): InstanceSettings => {
  const r = resolveSettings({ sessions: { inactivity_timeout: { enabled: true, seconds } } });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.settings;
};

describe('effectiveStatus: expiry', () => {
  it('is active before expireAt', () => {
    const s = session();
    expect(effectiveStatus(s, defaultSettings(), s.expireAt - 1)).toBe('active');
  });

  it('is expired exactly at expireAt', () => {
    const s = session();
    expect(effectiveStatus(s, defaultSettings(), s.expireAt)).toBe('expired');
  });

  it('is expired after expireAt', () => {
    const s = session();
    expect(effectiveStatus(s, defaultSettings(), s.expireAt + DAY)).toBe('expired');
  });

  it('reports expired rather than abandoned when both have passed', () => {
    const s = session({ lastActiveAt: NOW, expireAt: NOW + 2 * HOUR });
    expect(effectiveStatus(s, withTimeout(3600), NOW + 3 * HOUR)).toBe('expired');
  });
});

describe('effectiveStatus: inactivity', () => {
  it('is never abandoned while the inactivity timeout is off, however long idle', () => {
    const s = session({ expireAt: NOW + 30 * DAY });
    expect(defaultSettings().sessions.inactivity_timeout.enabled).toBe(false);
    expect(effectiveStatus(s, defaultSettings(), NOW + 29 * DAY)).toBe('active');
  });

  it('is active until the timeout has passed since the last activity', () => {
    const s = session({ lastActiveAt: NOW });
    expect(effectiveStatus(s, withTimeout(3600), NOW + HOUR - 1)).toBe('active');
  });

  it('is abandoned once the timeout has passed since the last activity', () => {
    const s = session({ lastActiveAt: NOW });
    expect(effectiveStatus(s, withTimeout(3600), NOW + HOUR)).toBe('abandoned');
  });

  it('counts from lastActiveAt, not from creation', () => {
    const s = session({ createdAt: NOW - 5 * HOUR, lastActiveAt: NOW - 30 * MINUTE });
    expect(effectiveStatus(s, withTimeout(3600), NOW)).toBe('active');
    expect(effectiveStatus(s, withTimeout(3600), NOW + 30 * MINUTE)).toBe('abandoned');
  });
});

describe('effectiveStatus: a session no longer active', () => {
  it.each(['ended', 'removed', 'revoked', 'expired', 'abandoned'] as SessionStatus[])(
    'keeps its stored %s status, even past expireAt and the inactivity timeout',
    (status) => {
      const s = session({ status, endedAt: NOW, expireAt: NOW + HOUR });
      expect(effectiveStatus(s, withTimeout(60), NOW + DAY)).toBe(status);
    },
  );

  it('keeps ended before expireAt too', () => {
    const s = session({ status: 'ended', endedAt: NOW });
    expect(effectiveStatus(s, defaultSettings(), NOW + 1)).toBe('ended');
  });
});

describe('abandonAt', () => {
  it('is expireAt when the inactivity timeout is off', () => {
    const s = session();
    expect(abandonAt(s, defaultSettings())).toBe(s.expireAt);
  });

  it('is lastActiveAt plus the timeout when that comes first', () => {
    const s = session({ lastActiveAt: NOW - 10 * MINUTE });
    expect(abandonAt(s, withTimeout(3600))).toBe(NOW - 10 * MINUTE + HOUR);
  });

  it('never comes after expireAt', () => {
    const s = session({ lastActiveAt: NOW, expireAt: NOW + 30 * MINUTE });
    expect(abandonAt(s, withTimeout(3600))).toBe(NOW + 30 * MINUTE);
  });
});

describe('factorVerificationAge', () => {
  it('is [0, -1] right after a first-factor-only sign-in', () => {
    expect(factorVerificationAge(session(), NOW)).toEqual([0, -1]);
  });

  it('counts whole minutes since each factor, rounding down', () => {
    const s = session({ firstFactorVerifiedAt: NOW - 90 * MINUTE - 59_999, secondFactorVerifiedAt: NOW - 5 * MINUTE });
    expect(factorVerificationAge(s, NOW)).toEqual([90, 5]);
  });

  it('is -1 for the second factor only when it was never verified', () => {
    const s = session({ firstFactorVerifiedAt: NOW - 3 * MINUTE, secondFactorVerifiedAt: NOW - 2 * MINUTE });
    expect(factorVerificationAge(s, NOW)).toEqual([3, 2]);
    expect(factorVerificationAge({ ...s, secondFactorVerifiedAt: null }, NOW)).toEqual([3, -1]);
  });

  it('never goes negative when a timestamp is slightly in the future (clock skew between nodes)', () => {
    const s = session({ firstFactorVerifiedAt: NOW + 5 * MINUTE, secondFactorVerifiedAt: NOW + MINUTE });
    expect(factorVerificationAge(s, NOW)).toEqual([0, 0]);
  });
});
