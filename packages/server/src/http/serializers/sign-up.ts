import type { InstanceSettings } from '@gatehouse/shared/instance-settings';
import type { SignUpObject } from '@gatehouse/shared/wire';
import { signUpRequirements } from '../../domain/sign-up/requirements.ts';
import type { SignUp } from '../../domain/sign-up/sign-up.ts';
import { verificationView } from './verification.ts';

export function signUpView(s: SignUp, settings: InstanceSettings, now: number): SignUpObject {
  const req = signUpRequirements(s, settings);
  const v = s.emailVerification;
  const status = req.status !== 'complete' && s.status !== 'complete' && s.expiresAt <= now ? 'abandoned' : s.status;
  return {
    object: 'sign_up_attempt',
    id: s.id,
    status,
    required_fields: req.required,
    optional_fields: req.optional,
    missing_fields: req.missing,
    unverified_fields: req.unverified,
    verifications: {
      email_address:
        s.emailAddress === null
          ? null
          : {
              status:
                v?.status === 'unverified' && v.expireAt !== null && v.expireAt <= now
                  ? 'expired'
                  : v?.status === 'transferable'
                    ? 'unverified'
                    : (v?.status ?? 'unverified'),
              strategy: v?.strategy ?? null,
              attempts: v?.attempts ?? null,
              expire_at: v?.expireAt ?? null,
              next_action: v?.status === 'verified' ? '' : v ? 'needs_attempt' : 'needs_prepare',
              supported_strategies: ['email_code'],
            },
      phone_number: null,
      web3_wallet: null,
      external_account: verificationView(s.externalAccountVerification ?? null),
    },
    username: s.username,
    email_address: s.emailAddress,
    phone_number: null,
    web3_wallet: null,
    password_enabled: s.passwordDigest !== null,
    first_name: s.firstName,
    last_name: s.lastName,
    unsafe_metadata: s.unsafeMetadata,
    public_metadata: {},
    custom_action: false,
    external_id: null,
    created_session_id: s.createdSessionId,
    created_user_id: s.createdUserId,
    abandon_at: s.expiresAt,
    legal_accepted_at: null,
  };
}
