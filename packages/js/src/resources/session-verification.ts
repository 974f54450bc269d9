/**
 * A session re-verifying itself before a sensitive action (Clerk's `SessionVerificationResource`):
 * `session.startVerification({ level })`, then `prepareFirstFactorVerification` (email code)
 * and `attemptFirstFactorVerification` while `status` is `needs_first_factor`, then
 * `prepareSecondFactorVerification` (SMS code) and `attemptSecondFactorVerification` (`totp`,
 * `phone_code`, `backup_code`) while it is `needs_second_factor`, until it is `complete`.
 */
import type { SessionVerificationObject } from '@gatehouse/shared/wire';
import { Verification } from './verification.ts';

export type SessionVerificationStatus = SessionVerificationObject['status'];
export type SessionVerificationLevel = SessionVerificationObject['level'];

export interface SessionVerificationFactor {
  strategy: 'password' | 'email_code' | 'totp' | 'phone_code' | 'backup_code' | (string & {});
  /** Where a code goes, masked (`a***@example.com`). */
  safeIdentifier?: string;
  emailAddressId?: string;
  primary?: boolean | null;
  /** `phone_code` second factor: the number's id, to pass to `prepareSecondFactorVerification`. */
  phoneNumberId?: string;
  /** `phone_code` second factor: the user's default number. */
  default?: boolean;
}

const factor = (f: SessionVerificationObject['supported_first_factors'][number]): SessionVerificationFactor => ({
  strategy: f.strategy,
  ...(f.safe_identifier !== undefined && { safeIdentifier: f.safe_identifier }),
  ...(f.email_address_id !== undefined && { emailAddressId: f.email_address_id }),
  ...(f.primary !== undefined && { primary: f.primary }),
  ...(f.phone_number_id !== undefined && { phoneNumberId: f.phone_number_id }),
  ...(f.default !== undefined && { default: f.default }),
});

export class SessionVerification {
  readonly status: SessionVerificationStatus;
  readonly level: SessionVerificationLevel;
  readonly sessionId: string;
  /** Minutes since the first and second factor were verified, as the session now stands. */
  readonly factorVerificationAge: number[];
  readonly supportedFirstFactors: SessionVerificationFactor[];
  readonly supportedSecondFactors: SessionVerificationFactor[];
  readonly firstFactorVerification: Verification | null;
  readonly secondFactorVerification: Verification | null;

  constructor(data: SessionVerificationObject) {
    this.status = data.status;
    this.level = data.level;
    this.sessionId = data.session.id;
    this.factorVerificationAge = data.session.factor_verification_age;
    this.supportedFirstFactors = data.supported_first_factors.map(factor);
    this.supportedSecondFactors = data.supported_second_factors.map(factor);
    this.firstFactorVerification = Verification.from(data.first_factor_verification);
    this.secondFactorVerification = Verification.from(data.second_factor_verification);
  }
}
