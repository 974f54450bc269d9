/**
 * The status of a sign-in is never set by hand: it is the first failing check in this list.
 * Each check has a name (its reason) so a reviewer can read the order of the flow here.
 * See sign-in.mermaid for the same flow as a diagram.
 */
import type { SignIn, SignInStatus } from './sign-in.ts';

export interface SignInFacts {
  /** The user has at least one second factor enrolled (TOTP, backup codes, SMS). */
  userHasSecondFactor: boolean;
  /**
   * Client Trust: the first factor was a password, the user has no second factor, and never
   * had a session on this client. A verified email code (the second factor step) settles it.
   */
  clientUntrusted: boolean;
  /** The password that passed the first factor is known breached and the instance enforces it. */
  passwordCompromised?: boolean;
}

interface Check {
  reason:
    | 'identifier_missing'
    | 'first_factor_missing'
    | 'second_factor_missing'
    | 'client_untrusted'
    | 'password_compromised';
  failsWhen: (s: SignIn, f: SignInFacts) => boolean;
  status: SignInStatus;
}

const CHECKS: readonly Check[] = [
  { reason: 'identifier_missing', failsWhen: (s) => s.identifier === null, status: 'needs_identifier' },
  {
    reason: 'first_factor_missing',
    failsWhen: (s) => s.firstFactorVerification?.status !== 'verified',
    status: 'needs_first_factor',
  },
  {
    reason: 'second_factor_missing',
    failsWhen: (s, f) => f.userHasSecondFactor && s.secondFactorVerification?.status !== 'verified',
    status: 'needs_second_factor',
  },
  {
    reason: 'client_untrusted',
    failsWhen: (s, f) => f.clientUntrusted && s.secondFactorVerification?.status !== 'verified',
    status: 'needs_client_trust',
  },
  // Last: the new password is asked for only once the person has proven everything else.
  {
    reason: 'password_compromised',
    failsWhen: (_s, f) => f.passwordCompromised === true,
    status: 'needs_new_password',
  },
];

export function nextSignInStep(signIn: SignIn, facts: SignInFacts): { status: SignInStatus; reason: string | null } {
  for (const check of CHECKS) if (check.failsWhen(signIn, facts)) return { status: check.status, reason: check.reason };
  return { status: 'complete', reason: null };
}
