/**
 * A user's passkeys, from the profile (`/v1/me/passkeys`), Clerk's flow:
 * - create: a pending passkey and WebAuthn creation options (a discoverable credential, so
 *   sign-in works without a username and with browser autofill); the challenge is kept as a
 *   one-time code of the passkey (`verification/one-time-code.ts`: 10 minutes, single use,
 *   stored as an HMAC), so it can be answered once;
 * - attempt: the browser's attestation, verified by `@simplewebauthn/server` against that
 *   challenge, the instance's RP id and an allowed origin; the credential is then stored
 *   (id, COSE public key, counter, transports). A credential registered before is refused;
 * - rename and delete, only the user's own passkeys.
 */
import { GatehouseError } from '@gatehouse/shared';
import {
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Deps } from '../deps.ts';
import type { Instance } from '../instances/instance.ts';
import type { StoredPasskey } from '../store.ts';
import { primaryEmail, type User } from '../users/user.ts';
import { attemptCode, type CodeSubject, issueCode } from '../verification/one-time-code.ts';
import { clientData, parseRegistrationCredential, relyingPartyId } from './relying-party.ts';

type PasskeyDeps = Pick<Deps, 'clock' | 'random' | 'store' | 'codeKey'>;

const registration = (instance: Instance, passkeyId: string): CodeSubject => ({
  instanceId: instance.id,
  subjectId: passkeyId,
  purpose: 'passkey:registration',
});

export function assertPasskeysEnabled(instance: Instance): void {
  if (!instance.settings.auth.passkey.enabled)
    throw new GatehouseError('strategy_not_allowed', {
      longMessage: 'Passkeys are not enabled for this application.',
      meta: { strategy: 'passkey' },
    });
}

export async function ownPasskey(deps: Pick<Deps, 'store'>, instance: Instance, user: User, id: string) {
  const p = await deps.store.passkeys.findById(instance.id, id);
  if (!p || p.userId !== user.id) throw new GatehouseError('passkey_not_found', { meta: { passkey_id: id } });
  return p;
}

/** The user's verified passkeys (pending ones are an unfinished add). */
export const listPasskeys = async (deps: Pick<Deps, 'store'>, instance: Instance, user: User) =>
  (await deps.store.passkeys.listByUser(instance.id, user.id)).filter((p) => p.verifiedAt !== null);

export async function createPasskey(
  deps: PasskeyDeps,
  instance: Instance,
  user: User,
): Promise<{ passkey: StoredPasskey; options: PublicKeyCredentialCreationOptionsJSON; expiresAt: number }> {
  assertPasskeysEnabled(instance);
  const now = deps.clock.now();
  const existing = await listPasskeys(deps, instance, user);
  const userName = primaryEmail(user)?.emailAddress ?? user.username ?? user.id;
  const options = await generateRegistrationOptions({
    rpName: instance.settings.application_name,
    rpID: relyingPartyId(instance),
    userName,
    userDisplayName: [user.firstName, user.lastName].filter(Boolean).join(' ') || userName,
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId!, transports: p.transports as never })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  const passkey: StoredPasskey = {
    id: deps.random.id('pk'),
    instanceId: instance.id,
    userId: user.id,
    name: 'Passkey',
    credentialId: null,
    publicKey: null,
    counter: 0,
    transports: [],
    verifiedAt: null,
    lastUsedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.passkeys.create(passkey);
  // The challenge is this passkey's one-time secret: answered once, within 10 minutes.
  const { expiresAt } = await issueCode(deps, deps.store, registration(instance, passkey.id), {
    fixedCode: options.challenge,
  });
  return { passkey, options, expiresAt };
}

export async function attemptPasskeyVerification(
  deps: PasskeyDeps,
  instance: Instance,
  user: User,
  id: string,
  rawCredential: unknown,
): Promise<StoredPasskey> {
  assertPasskeysEnabled(instance);
  const passkey = await ownPasskey(deps, instance, user, id);
  if (passkey.verifiedAt !== null) throw new GatehouseError('verification_already_verified');
  const credential = parseRegistrationCredential(rawCredential);
  const { challenge, origin } = clientData(instance, credential, 'passkey_registration_failed');
  const answered = await attemptCode(deps, deps.store, registration(instance, passkey.id), challenge);
  if (answered.outcome !== 'verified')
    throw new GatehouseError(answered.outcome === 'expired' ? 'verification_expired' : 'passkey_registration_failed', {
      longMessage: 'This passkey request is no longer valid. Start adding the passkey again.',
      meta: { param_name: 'public_key_credential' },
    });
  let result: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    result = await verifyRegistrationResponse({
      response: credential,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: relyingPartyId(instance),
      requireUserVerification: false,
    });
  } catch (cause) {
    throw new GatehouseError('passkey_registration_failed', { cause, meta: { param_name: 'public_key_credential' } });
  }
  if (!result.verified) throw new GatehouseError('passkey_registration_failed');
  const c = result.registrationInfo.credential;
  const now = deps.clock.now();
  const stored = {
    credentialId: c.id,
    publicKey: Buffer.from(c.publicKey).toString('base64url'),
    counter: c.counter,
    transports: credential.response.transports ?? c.transports ?? [],
  };
  if (!(await deps.store.passkeys.markVerified(instance.id, passkey.id, stored, now)))
    throw new GatehouseError('passkey_already_registered', { meta: { param_name: 'public_key_credential' } });
  return { ...passkey, ...stored, verifiedAt: now, updatedAt: now };
}

export async function renamePasskey(
  deps: Pick<Deps, 'clock' | 'store'>,
  instance: Instance,
  user: User,
  id: string,
  name: string,
): Promise<StoredPasskey> {
  const passkey = await ownPasskey(deps, instance, user, id);
  const trimmed = name.trim();
  if (trimmed === '')
    throw new GatehouseError('form_param_missing', {
      longMessage: 'Give the passkey a name.',
      meta: { param_name: 'name' },
    });
  const now = deps.clock.now();
  await deps.store.passkeys.rename(instance.id, id, trimmed, now);
  return { ...passkey, name: trimmed, updatedAt: now };
}

export async function deletePasskey(deps: Pick<Deps, 'store'>, instance: Instance, user: User, id: string) {
  await ownPasskey(deps, instance, user, id);
  if (!(await deps.store.passkeys.delete(instance.id, id)))
    throw new GatehouseError('passkey_not_found', { meta: { passkey_id: id } });
}
