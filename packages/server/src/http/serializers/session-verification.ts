import type { InstanceSettings } from '@gatehouse/shared/instance-settings';
import type { SessionVerificationObject } from '@gatehouse/shared/wire';
import type { SessionVerification } from '../../domain/sessions/session-verification.ts';
import type { User } from '../../domain/users/user.ts';
import { clientSessionView } from './session.ts';
import { verificationView } from './verification.ts';

/** A session verification in Clerk's shape (`object: 'session_verification'`). */
export const sessionVerificationView = (
  v: SessionVerification,
  user: User,
  settings: InstanceSettings,
  now: number,
): SessionVerificationObject => ({
  object: 'session_verification',
  status: v.status,
  level: v.level,
  session: clientSessionView(v.session, user, settings, now),
  supported_first_factors: v.supportedFirstFactors,
  supported_second_factors: v.supportedSecondFactors,
  first_factor_verification: verificationView(v.firstFactorVerification),
  second_factor_verification: verificationView(v.secondFactorVerification),
});
