/**
 * Applies the fields of a sign-up create/update request:
 * - email address: normalized, checked for syntax, refused when an account already has it;
 *   changing it voids any verification of the old address;
 * - password: checked against the instance's rules and hashed at once (argon2id);
 * - username: only when enabled, normalized, checked, refused when taken;
 * - first and last name: only when enabled, trimmed, at most 100 characters;
 * - unsafe_metadata: any JSON object, at most 8 KB.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { FlowContext } from '../flow-context.ts';
import { isValidEmail, normalizeEmail } from '../policies/email-address.ts';
import { checkNewPassword } from '../policies/password-policy.ts';
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
  deps: Pick<Deps, 'store' | 'hasher'>,
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
    if (await deps.store.users.emailExists(instanceId, email))
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
    checkNewPassword(input.password, settings.auth.password);
    next.passwordDigest = await deps.hasher.hash(input.password);
  }
  return next;
}
