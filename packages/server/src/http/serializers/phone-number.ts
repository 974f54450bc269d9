import type { PhoneNumberObject } from '@gatehouse/shared/wire';
import type { PhoneNumber } from '../../domain/users/user.ts';

/**
 * A phone number in Clerk's shape. `verification` is null until a code is asked for; `sent`
 * is the code just texted, for the prepare response.
 */
export const phoneNumberView = (p: PhoneNumber, sent?: { expireAt: number }): PhoneNumberObject => ({
  id: p.id,
  object: 'phone_number',
  phone_number: p.phoneNumber,
  reserved: false,
  reserved_for_second_factor: p.reservedForSecondFactor,
  default_second_factor: p.defaultSecondFactor,
  verification:
    p.verificationStatus === 'unverified' && p.verificationStrategy === null
      ? null
      : {
          object: p.verificationStrategy === 'admin' ? 'verification_admin' : 'verification_otp',
          status: p.verificationStatus,
          strategy: p.verificationStrategy ?? 'phone_code',
          attempts: sent ? 0 : null,
          expire_at: sent ? sent.expireAt : null,
        },
  linked_to: [],
  created_at: p.createdAt,
  updated_at: p.updatedAt,
});
