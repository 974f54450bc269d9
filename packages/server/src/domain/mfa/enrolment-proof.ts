/**
 * Enrolling a second factor with a code proves it, as a sign-in's second step does: the session
 * that enrolled gets its second factor marked verified (the token's `fva` second value restarts
 * at 0). Without this, a session just out of `setup-mfa` would at once be asked to reverify the
 * factor it has just proven. What counts as proof:
 * - TOTP: the code that confirms the enrolment (`manage-mfa.ts` `confirmTotp`);
 * - SMS: a number that is a second factor (verified, reserved) whose SMS code was entered since
 *   this session began: checked both when the code is entered (the number was reserved first)
 *   and when it is reserved (the code came first), the order the SDKs use.
 * A number verified by an administrator, or before this session, proves nothing here.
 */
import type { Deps } from '../deps.ts';
import type { Session } from '../sessions/session.ts';
import type { PhoneNumber } from '../users/user.ts';

type ProofDeps = Pick<Deps, 'store' | 'clock'>;

/** Marks the session's second factor verified now. */
export async function markSecondFactorProven(
  deps: ProofDeps,
  session: Pick<Session, 'id' | 'instanceId'>,
): Promise<void> {
  await deps.store.sessions.markFactorVerified(session.instanceId, session.id, 'second', deps.clock.now());
}

/** Whether `phone`, as it now stands, is a second factor whose code was entered during `session`. */
const phoneProvesSecondFactor = (phone: PhoneNumber, session: Pick<Session, 'createdAt'>): boolean =>
  phone.verificationStatus === 'verified' &&
  phone.reservedForSecondFactor &&
  phone.verificationStrategy === 'phone_code' &&
  phone.verifiedAt !== null &&
  phone.verifiedAt >= session.createdAt;

/** After a phone number's code or reservation: marks the session when the number now proves a second factor. */
export async function markIfPhoneProvesSecondFactor(
  deps: ProofDeps,
  session: Pick<Session, 'id' | 'instanceId' | 'createdAt'>,
  phone: PhoneNumber,
): Promise<void> {
  if (phoneProvesSecondFactor(phone, session)) await markSecondFactorProven(deps, session);
}
