import { describe, expect, it } from 'vitest';
import type { Verification } from '../verification/verification.ts';
import { nextSignInStep } from './next-step.ts';
import type { SignIn } from './sign-in.ts';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

const verification = (status: Verification['status'], strategy = 'password'): Verification => ({
  strategy,
  status,
  attempts: null,
  expireAt: null,
  verifiedAt: status === 'verified' ? NOW : null,
});

const signIn = (over: Partial<SignIn> = {}): SignIn => ({
  id: 'sia_1',
  instanceId: 'ins_1',
  clientId: 'client_1',
  status: 'needs_identifier',
  identifier: null,
  userId: null,
  firstFactorVerification: null,
  secondFactorVerification: null,
  createdSessionId: null,
  expiresAt: NOW + 3_600_000,
  version: 1,
  createdAt: NOW,
  updatedAt: NOW,
  ...over,
});

const withIdentifier = (over: Partial<SignIn> = {}) =>
  signIn({ identifier: 'ada@example.com', userId: 'user_1', ...over });

describe('nextSignInStep: identifier_missing', () => {
  it('needs an identifier while none was given', () => {
    expect(nextSignInStep(signIn(), { userHasSecondFactor: false, clientUntrusted: false })).toEqual({
      status: 'needs_identifier',
      reason: 'identifier_missing',
    });
  });

  it('is checked first: a verified first factor does not skip a missing identifier', () => {
    const s = signIn({ firstFactorVerification: verification('verified') });
    expect(nextSignInStep(s, { userHasSecondFactor: false, clientUntrusted: false })).toEqual({
      status: 'needs_identifier',
      reason: 'identifier_missing',
    });
  });

  it('does not depend on the stored status', () => {
    const s = signIn({ status: 'complete' });
    expect(nextSignInStep(s, { userHasSecondFactor: false, clientUntrusted: false }).status).toBe('needs_identifier');
  });
});

describe('nextSignInStep: first_factor_missing', () => {
  it('needs a first factor when none was attempted', () => {
    expect(nextSignInStep(withIdentifier(), { userHasSecondFactor: false, clientUntrusted: false })).toEqual({
      status: 'needs_first_factor',
      reason: 'first_factor_missing',
    });
  });

  it.each(['unverified', 'failed', 'expired'] as const)('needs a first factor while it is %s', (status) => {
    const s = withIdentifier({ firstFactorVerification: verification(status, 'email_code') });
    expect(nextSignInStep(s, { userHasSecondFactor: false, clientUntrusted: false })).toEqual({
      status: 'needs_first_factor',
      reason: 'first_factor_missing',
    });
  });

  it('is checked before the second factor: a verified second factor does not skip the first', () => {
    const s = withIdentifier({ secondFactorVerification: verification('verified', 'totp') });
    expect(nextSignInStep(s, { userHasSecondFactor: true, clientUntrusted: false })).toEqual({
      status: 'needs_first_factor',
      reason: 'first_factor_missing',
    });
  });

  it('works for a strict-mode sign-in whose identifier names no account (userId null)', () => {
    const s = signIn({ identifier: 'nobody@example.com', userId: null });
    expect(nextSignInStep(s, { userHasSecondFactor: false, clientUntrusted: false }).status).toBe('needs_first_factor');
  });
});

describe('nextSignInStep: second_factor_missing', () => {
  it('needs a second factor when the user has one enrolled and it is not verified', () => {
    const s = withIdentifier({ firstFactorVerification: verification('verified') });
    expect(nextSignInStep(s, { userHasSecondFactor: true, clientUntrusted: false })).toEqual({
      status: 'needs_second_factor',
      reason: 'second_factor_missing',
    });
  });

  it('still needs it after a failed second-factor attempt', () => {
    const s = withIdentifier({
      firstFactorVerification: verification('verified'),
      secondFactorVerification: verification('failed', 'totp'),
    });
    expect(nextSignInStep(s, { userHasSecondFactor: true, clientUntrusted: false }).status).toBe('needs_second_factor');
  });

  it('is skipped for a user without a second factor', () => {
    const s = withIdentifier({ firstFactorVerification: verification('verified') });
    expect(nextSignInStep(s, { userHasSecondFactor: false, clientUntrusted: false })).toEqual({
      status: 'complete',
      reason: null,
    });
  });
});

describe('nextSignInStep: complete', () => {
  it('is complete once both factors are verified for a user with a second factor', () => {
    const s = withIdentifier({
      firstFactorVerification: verification('verified'),
      secondFactorVerification: verification('verified', 'totp'),
    });
    expect(nextSignInStep(s, { userHasSecondFactor: true, clientUntrusted: false })).toEqual({
      status: 'complete',
      reason: null,
    });
  });
});

describe('nextSignInStep: client_untrusted', () => {
  it('needs client trust after a right password on an untrusted client', () => {
    const s = withIdentifier({ firstFactorVerification: verification('verified') });
    expect(nextSignInStep(s, { userHasSecondFactor: false, clientUntrusted: true })).toEqual({
      status: 'needs_client_trust',
      reason: 'client_untrusted',
    });
  });

  it('comes after the first factor: a wrong password still needs the first factor', () => {
    const s = withIdentifier({ firstFactorVerification: verification('failed') });
    expect(nextSignInStep(s, { userHasSecondFactor: false, clientUntrusted: true }).status).toBe('needs_first_factor');
  });

  it('is settled by a verified email code', () => {
    const s = withIdentifier({
      firstFactorVerification: verification('verified'),
      secondFactorVerification: verification('verified', 'email_code'),
    });
    expect(nextSignInStep(s, { userHasSecondFactor: false, clientUntrusted: true })).toEqual({
      status: 'complete',
      reason: null,
    });
  });
});
