/**
 * The step-up guard for sensitive actions. A session passes when its factor verification age
 * (the `fva` claim, computed here from the session as the next token would carry it) meets the
 * requirement, by the rule the SDKs share (`@gatehouse/shared` reverification.ts). Otherwise the
 * call answers `403 session_reverification_required` with the level and age it needs, and the
 * client reverifies through `POST /v1/client/sessions/{id}/verify` and retries.
 */
import {
  GatehouseError,
  meetsReverification,
  type ReverificationPreset,
  type ReverificationRequirement,
  resolveReverification,
} from '@gatehouse/shared';
import { factorVerificationAge, type Session } from './session.ts';

/**
 * What the Frontend API's own sensitive actions ask: change password, add or remove an email
 * address or phone number, delete the account (and MFA changes). Clerk's choice: a session
 * signed in or reverified within 10 minutes passes.
 */
export const SENSITIVE_ACTION_REVERIFICATION: ReverificationPreset = 'strict';

export const reverificationRequiredError = (
  requirement: ReverificationPreset | ReverificationRequirement,
): GatehouseError => {
  const { level, afterMinutes } = resolveReverification(requirement);
  return new GatehouseError('session_reverification_required', {
    longMessage: 'This action needs a recent verification. Verify your identity and try again.',
    meta: { reverification: { level, after_minutes: afterMinutes } },
  });
};

/**
 * Throws `session_reverification_required` unless the session verified its factors recently enough.
 *
 * @example
 * requireReverification(session, deps.clock.now()); // SENSITIVE_ACTION_REVERIFICATION
 * requireReverification(session, deps.clock.now(), { level: 'multi_factor', afterMinutes: 10 });
 */
export function requireReverification(
  session: Pick<Session, 'firstFactorVerifiedAt' | 'secondFactorVerifiedAt'>,
  now: number,
  requirement: ReverificationPreset | ReverificationRequirement = SENSITIVE_ACTION_REVERIFICATION,
): void {
  if (!meetsReverification(factorVerificationAge(session, now), requirement))
    throw reverificationRequiredError(requirement);
}
