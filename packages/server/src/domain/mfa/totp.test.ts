import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { matchingStep, TOTP_PERIOD_SECONDS } from './totp.ts';

const secret = new Secret({ size: 20 }).base32;
const STEP = TOTP_PERIOD_SECONDS * 1000;
// The middle of a step, so "now" is unambiguous.
const now = 1_800_000_000_000 - (1_800_000_000_000 % STEP) + STEP / 2;
const step = Math.floor(now / STEP);
const codeAt = (steps: number) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: now + steps * STEP });

describe('matchingStep', () => {
  it('names the step of a code within one step either side of now', () => {
    expect(matchingStep(secret, codeAt(0), now)).toBe(step);
    expect(matchingStep(secret, codeAt(-1), now)).toBe(step - 1);
    expect(matchingStep(secret, codeAt(1), now)).toBe(step + 1);
  });

  it('refuses codes two steps away, and anything that is not six digits', () => {
    expect(matchingStep(secret, codeAt(-2), now)).toBeNull();
    expect(matchingStep(secret, codeAt(2), now)).toBeNull();
    expect(matchingStep(secret, `${codeAt(0)}0`, now)).toBeNull();
    expect(matchingStep(secret, 'abcdef', now)).toBeNull();
  });
});
