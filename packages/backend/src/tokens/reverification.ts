/**
 * Reverification (step-up) for your own routes, by the rule the Gatehouse server applies to
 * its sensitive actions: check `auth.has({ reverification })`, and when it fails answer with
 * `reverificationErrorResponse(...)`. Its body carries Gatehouse's error format (which
 * `@gatehouse/js`'s `isReverificationRequired` and the React components recognise) and Clerk's
 * `clerk_error` hint (which Clerk's `useReverification()` recognises).
 *
 * @example
 * const auth = (await authenticateRequest(request, opts)).toAuth();
 * if (!auth.has({ reverification: 'strict' })) return reverificationErrorResponse('strict');
 */
import {
  type ReverificationPreset,
  type ReverificationRequirement,
  resolveReverification,
} from '@gatehouse/shared/reverification';

/** The registry's message for `session_reverification_required` (packages/shared/src/errors.ts). */
const MESSAGE = 'You need to verify your identity again to do this.';

export interface ReverificationErrorBody {
  errors: {
    code: 'session_reverification_required';
    message: string;
    long_message: string;
    meta: { reverification: { level: ReverificationRequirement['level']; after_minutes: number } };
  }[];
  clerk_error: {
    type: 'forbidden';
    reason: 'reverification-error';
    metadata: { reverification: ReverificationRequirement };
  };
}

/** The JSON body of a reverification-required answer for `requirement`. */
export function reverificationError(
  requirement: ReverificationPreset | ReverificationRequirement = 'strict',
): ReverificationErrorBody {
  const { level, afterMinutes } = resolveReverification(requirement);
  return {
    errors: [
      {
        code: 'session_reverification_required',
        message: MESSAGE,
        long_message: 'This action needs a recent verification. Verify your identity and try again.',
        meta: { reverification: { level, after_minutes: afterMinutes } },
      },
    ],
    clerk_error: {
      type: 'forbidden',
      reason: 'reverification-error',
      metadata: { reverification: { level, afterMinutes } },
    },
  };
}

/** A `403` `Response` (Fetch API) with `reverificationError(requirement)` as its JSON body. */
export function reverificationErrorResponse(
  requirement: ReverificationPreset | ReverificationRequirement = 'strict',
  init: ResponseInit = {},
): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json');
  return new Response(JSON.stringify(reverificationError(requirement)), { ...init, status: 403, headers });
}
