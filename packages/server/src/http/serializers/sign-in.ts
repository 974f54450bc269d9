import type { InstanceSettings } from '@gatehouse/shared/instance-settings';
import type { SignInObject } from '@gatehouse/shared/wire';
import type { SignIn } from '../../domain/sign-in/sign-in.ts';
import { FIRST_FACTORS } from '../../domain/strategies/first-factors.ts';
import type { User } from '../../domain/users/user.ts';
import { verificationView } from './verification.ts';

/**
 * A sign-in in Clerk's shape. Until the first factor is verified it shows nothing about the
 * account beyond the factors to try: `user_data` (name, picture) would tell a stranger whose
 * address they typed.
 */
export function signInView(s: SignIn, user: User | null, settings: InstanceSettings, now: number): SignInObject {
  const identified = s.identifier !== null;
  const verified = s.firstFactorVerification?.status === 'verified';
  return {
    object: 'sign_in_attempt',
    id: s.id,
    status: s.status !== 'complete' && s.expiresAt <= now ? 'abandoned' : s.status,
    supported_identifiers: settings.auth.username.enabled ? ['email_address', 'username'] : ['email_address'],
    identifier: s.identifier,
    supported_first_factors: identified
      ? FIRST_FACTORS.filter((f) => f.isAvailable(user, settings)).map((f) => ({ strategy: f.id }))
      : [],
    supported_second_factors: null,
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
