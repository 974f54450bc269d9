/**
 * Applies the fields of a sign-up create/update request:
 * - email address: normalized, checked for syntax and the instance's restrictions (allowlist,
 *   blocklist, subaddresses, disposable domains), refused when an account already has it;
 *   changing it voids any verification of the old address;
 * - password: checked against the instance's rules and hashed at once (argon2id);
 * - username: only when enabled, normalized, checked, refused when taken;
 * - first and last name: only when enabled, trimmed, at most 100 characters;
 * - unsafe_metadata: any JSON object, at most 10 levels deep and 8 KB (`users/user-fields.ts`).
 */
import { GatehouseError } from '@gatehouse/shared';
import type { InstanceSettings } from '../../config/instance-settings.ts';
import type { Deps } from '../deps.ts';
import type { FlowContext } from '../flow-context.ts';
import { isValidEmail, normalizeEmail } from '../policies/email-address.ts';
import { screenNewPassword } from '../policies/password-screen.ts';
import { assertEmailAllowed } from '../users/email-restrictions.ts';
import { checkMetadata, cleanName, cleanUsername } from '../users/user-fields.ts';
import type { SignUp } from './sign-up.ts';

export interface SignUpFieldsInput {
  email_address?: string;
  password?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
  unsafe_metadata?: Record<string, unknown>;
}

const notEnabled = (param: string) =>
  new GatehouseError('form_param_unknown', {
    longMessage: `${param} is not enabled for this application.`,
    meta: { param_name: param },
  });

export async function applySignUpFields(
  deps: Pick<Deps, 'store' | 'hasher' | 'pwnedPasswords' | 'disposableDomains'>,
  ctx: FlowContext,
  signUp: SignUp,
  input: SignUpFieldsInput,
): Promise<SignUp> {
  const { settings, id: instanceId } = ctx.instance;
  const next = { ...signUp };

  if (input.email_address !== undefined) {
    const email = normalizeEmail(input.email_address);
    if (!isValidEmail(email))
      throw new GatehouseError('form_email_address_invalid', { meta: { param_name: 'email_address' } });
    await assertEmailAllowed(deps, ctx.instance, email);
    // Strict enumeration mode answers a taken address like a new one: the flow goes on, and
    // prepare_verification mails the owner a notice instead of a code (`sign-up/transitions.ts`).
    // Without verification at sign-up a new address would complete at once, which a taken one
    // cannot: there the clash is reported.
    if ((await deps.store.users.emailExists(instanceId, email)) && !hidesTakenEmail(settings))
      throw new GatehouseError('form_identifier_exists', { meta: { param_name: 'email_address' } });
    if (email !== signUp.emailAddress) {
      next.emailAddress = email;
      next.emailVerification = null;
    }
  }
  if (input.username !== undefined) {
    next.username = await cleanUsername(deps.store, instanceId, settings, input.username, null);
  }
  if (input.first_name !== undefined) {
    if (!settings.auth.first_name.enabled) throw notEnabled('first_name');
    next.firstName = cleanName(input.first_name, 'first_name');
  }
  if (input.last_name !== undefined) {
    if (!settings.auth.last_name.enabled) throw notEnabled('last_name');
    next.lastName = cleanName(input.last_name, 'last_name');
  }
  if (input.unsafe_metadata !== undefined) {
    next.unsafeMetadata = checkMetadata(input.unsafe_metadata, 'unsafe_metadata');
  }
  // Last, so a request with a bad field costs no hashing.
  if (input.password !== undefined) {
    await screenNewPassword(deps, settings, input.password, {
      userInputs: [next.emailAddress, next.username, next.firstName, next.lastName],
    });
    next.passwordDigest = await deps.hasher.hash(input.password);
  }
  return next;
}

/** Strict enumeration mode hides that an address is taken, where verification makes that possible. */
export const hidesTakenEmail = (settings: InstanceSettings): boolean =>
  settings.attack_protection.user_enumeration.mode === 'strict' && settings.auth.email_address.verify_at_sign_up;
