/**
 * Typed errors. Token verification fails with a `TokenVerificationError` whose `reason` is a
 * stable string (Clerk's names where they exist), so callers can `switch` on it. Backend API
 * calls fail with a `GatehouseAPIError` carrying the HTTP status and the API's error entries.
 */
import type { ErrorCode } from '@gatehouse/shared';

export type TokenVerificationErrorReason =
  | 'token-invalid'
  | 'token-invalid-algorithm'
  | 'token-invalid-signature'
  | 'token-expired'
  | 'token-not-active-yet'
  | 'token-iat-in-the-future'
  | 'token-invalid-issuer'
  | 'token-invalid-authorized-parties'
  | 'token-invalid-subject'
  | 'session-revoked'
  | 'jwk-kid-mismatch'
  | 'jwk-failed-to-load'
  | 'jwk-invalid'
  | 'options-invalid';

export class TokenVerificationError extends Error {
  readonly reason: TokenVerificationErrorReason;
  constructor(reason: TokenVerificationErrorReason, message: string, opts?: { cause?: unknown }) {
    super(message, opts);
    this.name = 'TokenVerificationError';
    this.reason = reason;
  }
}

export interface APIErrorEntry {
  code: ErrorCode | (string & {});
  message: string;
  long_message: string;
  meta: Record<string, unknown>;
}

export class GatehouseAPIError extends Error {
  readonly status: number;
  readonly errors: APIErrorEntry[];
  readonly traceId: string | undefined;
  constructor(status: number, errors: APIErrorEntry[], traceId?: string) {
    super(errors[0]?.long_message ?? `Backend API request failed with status ${status}`);
    this.name = 'GatehouseAPIError';
    this.status = status;
    this.errors = errors;
    this.traceId = traceId;
  }

  /** The first error's code, e.g. `user_not_found`. */
  get code(): string | undefined {
    return this.errors[0]?.code;
  }
}

export const isTokenVerificationError = (e: unknown): e is TokenVerificationError =>
  e instanceof TokenVerificationError;
export const isGatehouseAPIError = (e: unknown): e is GatehouseAPIError => e instanceof GatehouseAPIError;
