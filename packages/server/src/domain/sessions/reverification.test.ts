import { isGatehouseError } from '@gatehouse/shared';
import { describe, expect, it } from 'vitest';
import { requireReverification } from './reverification.ts';

const MINUTE = 60_000;
const NOW = 1_800_000_000_000;
/** A session whose first factor is `first` minutes old and second factor `second` (null: never). */
const session = (first: number, second: number | null) => ({
  firstFactorVerifiedAt: NOW - first * MINUTE,
  secondFactorVerifiedAt: second === null ? null : NOW - second * MINUTE,
});

const required = (run: () => void) => {
  try {
    run();
    return null;
  } catch (e) {
    if (!isGatehouseError(e)) throw e;
    expect(e.code).toBe('session_reverification_required');
    expect(e.status).toBe(403);
    return e.meta;
  }
};

describe('requireReverification', () => {
  it('defaults to strict: the first factor within 10 minutes when the session has no second factor', () => {
    expect(required(() => requireReverification(session(10, null), NOW))).toBeNull();
    expect(required(() => requireReverification(session(11, null), NOW))).toEqual({
      reverification: { level: 'second_factor', after_minutes: 10 },
    });
  });

  it.each([
    ['moderate', 60],
    ['lax', 1440],
  ] as const)('%s allows %i minutes', (preset, minutes) => {
    expect(required(() => requireReverification(session(minutes, null), NOW, preset))).toBeNull();
    expect(required(() => requireReverification(session(minutes + 1, null), NOW, preset))).toEqual({
      reverification: { level: 'second_factor', after_minutes: minutes },
    });
  });

  it('second_factor looks at the second factor when the session has one', () => {
    expect(required(() => requireReverification(session(1, 30), NOW, 'strict'))).not.toBeNull();
    expect(required(() => requireReverification(session(30, 1), NOW, 'strict'))).toBeNull();
  });

  it('first_factor ignores the second factor; multi_factor needs both', () => {
    const firstOnly = { level: 'first_factor', afterMinutes: 5 } as const;
    expect(required(() => requireReverification(session(5, 30), NOW, firstOnly))).toBeNull();
    expect(required(() => requireReverification(session(6, 0), NOW, firstOnly))).not.toBeNull();
    expect(required(() => requireReverification(session(1, 1), NOW, 'strict_mfa'))).toBeNull();
    expect(required(() => requireReverification(session(1, null), NOW, 'strict_mfa'))).toEqual({
      reverification: { level: 'multi_factor', after_minutes: 10 },
    });
    expect(required(() => requireReverification(session(11, 1), NOW, 'strict_mfa'))).not.toBeNull();
  });
});
