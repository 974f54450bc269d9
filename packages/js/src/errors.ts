/**
 * Errors the SDK throws:
 * - `GatehouseAPIError`: the Frontend API answered with its error format. Each entry keeps the
 *   stable `code`, the user-facing `message` and `longMessage`, and `meta` in camelCase
 *   (`meta.paramName` names the form field the error belongs to), so a UI can show each
 *   error beside its field.
 * - `GatehouseNetworkError`: no answer (offline, DNS, reset) after the retries.
 */
import type { ErrorCode } from '@gatehouse/shared';
import { camelizeKeys } from './core/case.ts';

export interface GatehouseAPIErrorEntry {
  /** Stable machine-readable code, e.g. `form_password_incorrect`. */
  code: ErrorCode | (string & {});
  message: string;
  longMessage: string;
  /** `paramName` is the field the error is about, in the API's snake_case (`email_address`). */
  meta: { paramName?: string } & Record<string, unknown>;
}

export interface WireErrorEntry {
  code?: unknown;
  message?: unknown;
  long_message?: unknown;
  meta?: unknown;
}

/** One error of the API's error format (a response's `errors[]`, a verification's `error`), in camelCase. */
export const toErrorEntry = (e: WireErrorEntry): GatehouseAPIErrorEntry => {
  const message = typeof e.message === 'string' ? e.message : 'Request failed.';
  return {
    code: typeof e.code === 'string' ? e.code : 'unexpected_response',
    message,
    longMessage: typeof e.long_message === 'string' ? e.long_message : message,
    meta: e.meta && typeof e.meta === 'object' ? (camelizeKeys(e.meta) as GatehouseAPIErrorEntry['meta']) : {},
  };
};

/**
 * @example
 * try { await signIn.attemptFirstFactor({ strategy: 'password', password }) }
 * catch (e) { if (isGatehouseAPIError(e)) showBeside(e.errors[0].meta.paramName, e.errors[0].longMessage) }
 */
export class GatehouseAPIError extends Error {
  readonly status: number;
  readonly errors: GatehouseAPIErrorEntry[];
  readonly traceId: string | undefined;

  constructor(status: number, errors: GatehouseAPIErrorEntry[], traceId?: string) {
    super(errors[0]?.longMessage ?? `Request failed with status ${status}`);
    this.name = 'GatehouseAPIError';
    this.status = status;
    this.errors = errors;
    this.traceId = traceId;
  }

  /** Builds the error from a response body in the API's error format (or anything else). */
  static fromBody(status: number, body: unknown): GatehouseAPIError {
    const b = (body ?? {}) as { errors?: unknown; clerk_trace_id?: unknown };
    const entries = Array.isArray(b.errors)
      ? b.errors.map((e) => toErrorEntry(e as WireErrorEntry))
      : [toErrorEntry({ code: 'unexpected_response', message: `The server answered with status ${status}.` })];
    return new GatehouseAPIError(status, entries, typeof b.clerk_trace_id === 'string' ? b.clerk_trace_id : undefined);
  }

  /** The first error's code. */
  get code(): string | undefined {
    return this.errors[0]?.code;
  }
}

export class GatehouseNetworkError extends Error {
  readonly code = 'network_error';
  constructor(message: string, opts?: { cause?: unknown }) {
    super(message, opts);
    this.name = 'GatehouseNetworkError';
  }
}

export const isGatehouseAPIError = (e: unknown): e is GatehouseAPIError => e instanceof GatehouseAPIError;
export const isGatehouseNetworkError = (e: unknown): e is GatehouseNetworkError => e instanceof GatehouseNetworkError;

/** Codes with which the server says the caller's session is over: the only errors that sign out. */
export const SIGNED_OUT_CODES: ReadonlySet<string> = new Set([
  'signed_out',
  'session_not_active',
  'session_expired',
  'client_not_found',
  'client_token_invalid',
]);

/** A 401 whose code says the session (or the whole client) is over. */
export const isSignedOutError = (e: unknown): e is GatehouseAPIError =>
  isGatehouseAPIError(e) && e.status === 401 && e.errors.some((x) => SIGNED_OUT_CODES.has(x.code));

/** What a `session_reverification_required` error asks for: a level and a maximum age. */
export interface ReverificationRequirement {
  level: 'first_factor' | 'second_factor' | 'multi_factor';
  afterMinutes: number;
}

/**
 * A 403 `session_reverification_required`: the action needs a recent verification. Reverify
 * with `session.startVerification(...)` and retry (the React components do it with a dialog).
 */
export const isReverificationRequired = (e: unknown): e is GatehouseAPIError =>
  isGatehouseAPIError(e) && e.code === 'session_reverification_required';

/** The level and age a reverification error asks for; null for any other error. */
export function reverificationRequirement(e: unknown): ReverificationRequirement | null {
  if (!isReverificationRequired(e)) return null;
  const r = e.errors[0]?.meta.reverification as { level?: unknown; afterMinutes?: unknown } | undefined;
  const level = r?.level;
  return {
    level: level === 'first_factor' || level === 'multi_factor' ? level : 'second_factor',
    afterMinutes: typeof r?.afterMinutes === 'number' ? r.afterMinutes : 10,
  };
}
