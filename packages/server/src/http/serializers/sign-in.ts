import type { InstanceSettings } from '@gatehouse/shared/instance-settings';
import type { SignInObject } from '@gatehouse/shared/wire';
import { maskEmail } from '../../domain/policies/email-address.ts';
import type { SignIn } from '../../domain/sign-in/sign-in.ts';
import { codeAddress, emailCodeFactor } from '../../domain/strategies/email-code-second-factor.ts';
import { FIRST_FACTORS, isFirstFactorOffered } from '../../domain/strategies/first-factors.ts';
import { PHONE_CODE, phoneCodeFactorView } from '../../domain/strategies/phone-code.ts';
import { mfaFactorViews } from '../../domain/strategies/second-factors.ts';
import type { User } from '../../domain/users/user.ts';
import { verificationView } from './verification.ts';

/**
 * A first factor as offered. An email code names where it goes, masked; for an unknown address
 * (strict mode) that is the address typed, exactly as for a real one, and no address id, which
 * a real one does not show either.
 */
function firstFactorView(strategy: string, s: SignIn, user: User | null, settings: InstanceSettings) {
  if (strategy === PHONE_CODE) return phoneCodeFactorView(user, s, settings);
  if (strategy !== 'email_code' && strategy !== 'email_link') return { strategy };
  const to = user ? (codeAddress(user, s.identifier)?.emailAddress ?? null) : s.identifier;
  return { strategy, safe_identifier: to === null ? '' : maskEmail(to) };
}

/** The second step's factors: the user's MFA factors, or Client Trust's email code. */
const secondFactorViews = (s: SignIn, user: User, settings: InstanceSettings) =>
  s.status === 'needs_second_factor'
    ? mfaFactorViews(user, settings)
    : [emailCodeFactor(user, s.identifier)].filter((f) => f !== null);

/**
 * A sign-in in Clerk's shape. Until the first factor is verified it shows nothing about the
 * account beyond the factors to try: `user_data` (name, picture) would tell a stranger whose
 * address they typed.
 */
export function signInView(s: SignIn, user: User | null, settings: InstanceSettings, now: number): SignInObject {
  const identified = s.identifier !== null;
  const verified = s.firstFactorVerification?.status === 'verified';
  const secondStep = s.status === 'needs_client_trust' || s.status === 'needs_second_factor';
  return {
    object: 'sign_in_attempt',
    id: s.id,
    status: s.status !== 'complete' && s.expiresAt <= now ? 'abandoned' : s.status,
    supported_identifiers: [
      'email_address',
      ...(settings.auth.username.enabled ? ['username'] : []),
      ...(settings.auth.phone_number.sign_in_with_code ? ['phone_number'] : []),
    ],
    identifier: s.identifier,
    supported_first_factors: identified
      ? FIRST_FACTORS.filter((f) => isFirstFactorOffered(f, s, user, settings)).map((f) =>
          firstFactorView(f.id, s, user, settings),
        )
      : [],
    supported_second_factors: secondStep && user ? secondFactorViews(s, user, settings) : null,
    first_factor_verification: verificationView(s.firstFactorVerification),
    second_factor_verification: verificationView(s.secondFactorVerification),
    user_data:
      verified && user
        ? { first_name: user.firstName, last_name: user.lastName, image_url: '', has_image: false }
        : null,
    created_session_id: s.createdSessionId,
    abandon_at: s.expiresAt,
  };
}
