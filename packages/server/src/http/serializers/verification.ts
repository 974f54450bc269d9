import { GatehouseError, toWireError } from '@gatehouse/shared';
import type { Verification } from '../../domain/verification/verification.ts';

const OBJECTS: Record<string, string> = {
  password: 'verification_password',
  email_code: 'verification_otp',
};

const isOAuth = (v: Verification) => v.externalVerificationRedirectUrl !== undefined || v.errorCode !== undefined;

export const verificationView = (v: Verification | null) =>
  v === null
    ? null
    : {
        object: OBJECTS[v.strategy] ?? (isOAuth(v) ? 'verification_oauth' : 'verification'),
        status: v.status,
        strategy: v.strategy,
        attempts: v.attempts,
        expire_at: v.expireAt,
        ...(v.nonce === undefined || v.status === 'verified' ? {} : { nonce: v.nonce }),
        ...(isOAuth(v)
          ? {
              external_verification_redirect_url:
                v.status === 'unverified' ? (v.externalVerificationRedirectUrl ?? null) : null,
              error: v.errorCode ? toWireError(new GatehouseError(v.errorCode)) : null,
            }
          : {}),
      };
