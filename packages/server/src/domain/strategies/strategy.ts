/**
 * A factor is a strategy behind one interface. Flows dispatch on the request's `strategy`
 * field; a strategy the instance does not offer for this account is a typed error, never a
 * silent fall-through. Strategies see plain inputs, never the HTTP request.
 */
import type { InstanceSettings } from '../../config/instance-settings.ts';
import type { Deps } from '../deps.ts';
import type { FlowContext } from '../flow-context.ts';
import type { SignIn } from '../sign-in/sign-in.ts';
import type { User } from '../users/user.ts';
import type { Verification } from '../verification/verification.ts';

export interface FactorAttemptInput {
  password?: string;
  code?: string;
  /** `passkey`: the browser's `PublicKeyCredential` as JSON (string or object). */
  publicKeyCredential?: unknown;
}

export interface FactorPrepareInput {
  redirectUrl?: string;
  /** `phone_code`: which of the user's sign-in numbers to text (default: the one the sign-in names). */
  phoneNumberId?: string;
}

export interface FirstFactorStrategy {
  id: string;
  /** Can be prepared and attempted before any identifier (`passkey`: the credential names the account). */
  identifiesUser?: boolean;
  /**
   * Offered in `supported_first_factors` for this user (null: unknown account, strict mode);
   * `identifier` is what the sign-in was started with, for factors tied to its kind (`phone_code`).
   */
  isAvailable(user: User | null, settings: InstanceSettings, identifier?: string | null): boolean;
  /** Sends what the attempt needs (a code), for factors that need it; returns the unverified verification. */
  prepare?(
    deps: Pick<Deps, 'clock' | 'random' | 'store' | 'mailer' | 'codeKey' | 'sms' | 'rateLimiter'>,
    ctx: FlowContext,
    signIn: SignIn,
    user: User | null,
    /** What the prepare request carried besides the strategy (`email_link`: where the link lands). */
    input?: FactorPrepareInput,
  ): Promise<Verification>;
  /** Verifies the input or throws the factor's error; returns the verified verification. */
  attempt(
    deps: Pick<Deps, 'clock' | 'hasher' | 'store' | 'codeKey' | 'mailer'>,
    ctx: FlowContext,
    user: User | null,
    input: FactorAttemptInput,
    signIn: SignIn,
  ): Promise<Verification>;
}
