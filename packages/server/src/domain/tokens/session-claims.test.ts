import { describe, expect, it } from 'vitest';
import { defaultSettings, resolveSettings } from '../../config/instance-settings.ts';
import type { Instance } from '../instances/instance.ts';
import type { Session } from '../sessions/session.ts';
import { buildSessionClaims, NBF_LEEWAY_SECONDS } from './session-claims.ts';

/** A fixed clock value with a sub-second part, to check that claims round down to seconds. */
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0) + 750;
const IAT = Math.floor(NOW / 1000);
const MINUTE = 60_000;

const instance = (tokenLifetimeSeconds?: number): Instance => {
  let settings = defaultSettings();
  if (tokenLifetimeSeconds !== undefined) {
    const r = resolveSettings({ sessions: { token_lifetime_seconds: tokenLifetimeSeconds } });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    settings = r.settings;
  }
  return {
    id: 'ins_1',
    name: 'Test',
    environment: 'development',
    frontendApiUrl: 'http://localhost:3000',
    frontendApiHost: 'localhost:3000',
    settings,
    createdAt: NOW,
    updatedAt: NOW,
  };
};

const session = (over: Partial<Session> = {}): Session => ({
  id: 'sess_1',
  instanceId: 'ins_1',
  clientId: 'client_1',
  userId: 'user_1',
  status: 'active',
  lastActiveAt: NOW,
  expireAt: NOW + 7 * 24 * 60 * MINUTE,
  firstFactorVerifiedAt: NOW - 12 * MINUTE,
  secondFactorVerifiedAt: null,
  signInMethod: 'password',
  endedAt: null,
  createdAt: NOW - 12 * MINUTE,
  updatedAt: NOW,
  ...over,
});

const opts = (azp: string | null = null) => ({ now: NOW, azp, jti: 'jti_abc' });

describe('buildSessionClaims', () => {
  it('names the user, the session and the issuing Frontend API', () => {
    const c = buildSessionClaims(instance(), session(), opts());
    expect(c).toMatchObject({ sub: 'user_1', sid: 'sess_1', iss: 'http://localhost:3000', jti: 'jti_abc' });
  });

  it('sets iat to the current time in whole seconds', () => {
    expect(buildSessionClaims(instance(), session(), opts()).iat).toBe(IAT);
  });

  it('sets nbf 10 seconds before iat', () => {
    const c = buildSessionClaims(instance(), session(), opts());
    expect(NBF_LEEWAY_SECONDS).toBe(10);
    expect(c.nbf).toBe(IAT - 10);
  });

  it('sets exp to iat plus the token lifetime (60 s by default)', () => {
    expect(buildSessionClaims(instance(), session(), opts()).exp).toBe(IAT + 60);
  });

  it('follows the configured token lifetime', () => {
    expect(buildSessionClaims(instance(300), session(), opts()).exp).toBe(IAT + 300);
  });

  it('never lets exp pass the session expireAt', () => {
    const s = session({ expireAt: NOW + 20_000 });
    const c = buildSessionClaims(instance(), s, opts());
    expect(c.exp).toBe(Math.floor(s.expireAt / 1000));
    expect(c.exp).toBeLessThan(IAT + 60);
  });

  it('uses iat plus the lifetime when the session expires exactly then or later', () => {
    const s = session({ expireAt: (IAT + 60) * 1000 });
    expect(buildSessionClaims(instance(), s, opts()).exp).toBe(IAT + 60);
  });

  it('includes azp only when an origin is given', () => {
    const without = buildSessionClaims(instance(), session(), opts(null));
    expect('azp' in without).toBe(false);
    const withAzp = buildSessionClaims(instance(), session(), opts('http://localhost:5173'));
    expect(withAzp.azp).toBe('http://localhost:5173');
  });

  it('is version 2 of the claims shape', () => {
    expect(buildSessionClaims(instance(), session(), opts()).v).toBe(2);
  });

  it('carries fva: minutes since the first factor, -1 without a second factor', () => {
    expect(buildSessionClaims(instance(), session(), opts()).fva).toEqual([12, -1]);
  });

  it('carries fva for both factors when the second was verified', () => {
    const s = session({ secondFactorVerifiedAt: NOW - 3 * MINUTE });
    expect(buildSessionClaims(instance(), s, opts()).fva).toEqual([12, 3]);
  });

  it('has exactly the documented claims', () => {
    const c = buildSessionClaims(instance(), session(), opts('http://localhost:5173'));
    expect(Object.keys(c).sort()).toEqual(['azp', 'exp', 'fva', 'iat', 'iss', 'jti', 'nbf', 'sid', 'sub', 'v']);
  });
});
