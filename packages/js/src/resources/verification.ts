import type { SignInObject, SignUpObject } from '@gatehouse/shared/wire';
import { toDate } from '../core/case.ts';

type WireVerification = NonNullable<SignInObject['first_factor_verification']>;
type WireSignUpVerification = NonNullable<SignUpObject['verifications']['email_address']>;

export type VerificationStatus = WireVerification['status'];

/** The state of one verification (a password check, an email code). */
export class Verification {
  readonly status: VerificationStatus;
  readonly strategy: string | null;
  readonly attempts: number | null;
  readonly expireAt: Date | null;
  /** `passkey`: the WebAuthn options (JSON) for the browser; null for other strategies. */
  readonly nonce: string | null;

  constructor(
    data: Pick<WireVerification, 'status' | 'attempts' | 'expire_at'> & { strategy: string | null; nonce?: string },
  ) {
    this.status = data.status;
    this.strategy = data.strategy;
    this.attempts = data.attempts;
    this.expireAt = toDate(data.expire_at);
    this.nonce = data.nonce ?? null;
  }

  static from(data: WireVerification | null | undefined): Verification | null {
    return data ? new Verification(data) : null;
  }
}

/** A sign-up's verification of one identifier, with what to do next. */
export class SignUpVerification extends Verification {
  /** `needs_prepare` (send a code), `needs_attempt` (enter it) or `''` (nothing to do). */
  readonly nextAction: WireSignUpVerification['next_action'];
  readonly supportedStrategies: string[];

  constructor(data: WireSignUpVerification) {
    super(data);
    this.nextAction = data.next_action;
    this.supportedStrategies = data.supported_strategies;
  }

  static fromSignUp(data: WireSignUpVerification | null | undefined): SignUpVerification | null {
    return data ? new SignUpVerification(data) : null;
  }
}
