import type { SignInObject, SignUpObject } from '@gatehouse/shared/wire';
import { toDate } from '../core/case.ts';
import { type GatehouseAPIErrorEntry, toErrorEntry } from '../errors.ts';

type WireVerification = NonNullable<SignInObject['first_factor_verification']>;
type WireSignUpVerification = NonNullable<SignUpObject['verifications']['email_address']>;

export type VerificationStatus = WireVerification['status'];

/** A URL the server sent, or null when it sent none (or one that does not parse). */
const urlOrNull = (raw: string | null | undefined): URL | null => {
  if (!raw) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
};

/**
 * The state of one verification (a password check, an email code, a provider round trip).
 * `oauth_*` verifications carry where to send the browser (`externalVerificationRedirectURL`,
 * the provider's authorization page) until the provider called back, and `error` when the round
 * trip failed (`oauth_access_denied`, ...); `transferable` means the provider account has no
 * user yet (a sign-in) or already has one (a sign-up), see `gatehouse.handleRedirectCallback`.
 */
export class Verification {
  readonly status: VerificationStatus;
  readonly strategy: string | null;
  readonly attempts: number | null;
  readonly expireAt: Date | null;
  /** `passkey`: the WebAuthn options (JSON) for the browser; null for other strategies. */
  readonly nonce: string | null;
  /** `oauth_*`: the provider's authorization page to send the browser to; null once it called back. */
  readonly externalVerificationRedirectURL: URL | null;
  /** Why the verification failed, where the server says (a provider round trip's error). */
  readonly error: GatehouseAPIErrorEntry | null;

  constructor(
    data: Pick<WireVerification, 'status' | 'attempts' | 'expire_at'> & {
      strategy: string | null;
      nonce?: string;
      external_verification_redirect_url?: string | null;
      error?: WireVerification['error'];
    },
  ) {
    this.status = data.status;
    this.strategy = data.strategy;
    this.attempts = data.attempts;
    this.expireAt = toDate(data.expire_at);
    this.nonce = data.nonce ?? null;
    this.externalVerificationRedirectURL = urlOrNull(data.external_verification_redirect_url);
    this.error = data.error ? toErrorEntry(data.error) : null;
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
