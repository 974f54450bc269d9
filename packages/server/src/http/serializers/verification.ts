import type { Verification } from '../../domain/verification/verification.ts';

const OBJECTS: Record<string, string> = {
  password: 'verification_password',
  email_code: 'verification_otp',
};

export const verificationView = (v: Verification | null) =>
  v === null
    ? null
    : {
        object: OBJECTS[v.strategy] ?? 'verification',
        status: v.status,
        strategy: v.strategy,
        attempts: v.attempts,
        expire_at: v.expireAt,
        ...(v.nonce === undefined || v.status === 'verified' ? {} : { nonce: v.nonce }),
      };
