/**
 * The WebAuthn relying party of an instance, and the first look at what a browser sent:
 * - the RP id is the Frontend API's host (a loopback IP, which WebAuthn refuses as an RP id,
 *   stands for `localhost`), so passkeys work on the app and its Frontend API subdomain;
 * - a credential arrives as Clerk sends it (`public_key_credential`, the JSON of the browser's
 *   `PublicKeyCredential`, as a string or an object) and is narrowed before any use;
 * - the challenge and origin are read from `clientDataJSON`; the origin must be one the
 *   instance allows (`policies/allowed-origin.ts`). Signature, RP id hash, flags and
 *   counters are checked by `@simplewebauthn/server`, never here.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Instance } from '../instances/instance.ts';
import { isAllowedOrigin } from '../policies/allowed-origin.ts';

export function relyingPartyId(instance: Instance): string {
  const host = new URL(instance.frontendApiUrl).hostname;
  return /^[\d.]+$/.test(host) || host.includes(':') || host === '[::1]' ? 'localhost' : host;
}

const invalid = (code: 'passkey_registration_failed' | 'passkey_verification_failed', why: string) =>
  new GatehouseError(code, { longMessage: why, meta: { param_name: 'public_key_credential' } });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parse(raw: unknown, code: 'passkey_registration_failed' | 'passkey_verification_failed') {
  let v: unknown = raw;
  if (typeof raw === 'string')
    try {
      v = JSON.parse(raw);
    } catch {
      throw invalid(code, 'public_key_credential must be the JSON of a PublicKeyCredential.');
    }
  if (
    !isRecord(v) ||
    typeof v.id !== 'string' ||
    typeof v.rawId !== 'string' ||
    v.type !== 'public-key' ||
    !isRecord(v.response) ||
    typeof v.response.clientDataJSON !== 'string'
  )
    throw invalid(code, 'public_key_credential must be the JSON of a PublicKeyCredential.');
  if (v.clientExtensionResults === undefined) v.clientExtensionResults = {};
  return v as Record<string, unknown> & { id: string; response: Record<string, unknown> & { clientDataJSON: string } };
}

export function parseRegistrationCredential(raw: unknown): RegistrationResponseJSON {
  const v = parse(raw, 'passkey_registration_failed');
  if (typeof v.response.attestationObject !== 'string')
    throw invalid('passkey_registration_failed', 'The credential carries no attestation.');
  return v as unknown as RegistrationResponseJSON;
}

export function parseAuthenticationCredential(raw: unknown): AuthenticationResponseJSON {
  const v = parse(raw, 'passkey_verification_failed');
  if (typeof v.response.authenticatorData !== 'string' || typeof v.response.signature !== 'string')
    throw invalid('passkey_verification_failed', 'The credential carries no assertion.');
  return v as unknown as AuthenticationResponseJSON;
}

/** The challenge and origin the browser signed over, the origin checked against the instance's. */
export function clientData(
  instance: Instance,
  credential: { response: { clientDataJSON: string } },
  code: 'passkey_registration_failed' | 'passkey_verification_failed',
): { challenge: string; origin: string } {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(credential.response.clientDataJSON, 'base64url').toString('utf8'));
  } catch {
    throw invalid(code, 'The credential’s client data is not readable.');
  }
  if (!isRecord(data) || typeof data.challenge !== 'string' || typeof data.origin !== 'string')
    throw invalid(code, 'The credential’s client data is incomplete.');
  if (!isAllowedOrigin(instance, data.origin))
    throw invalid(code, 'The passkey was used on an origin this application does not allow.');
  return { challenge: data.challenge, origin: data.origin };
}
