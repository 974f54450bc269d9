/**
 * Signing in with a passkey (Clerk's `signIn.authenticateWithPasskey`): prepare the `passkey`
 * first factor, run the browser's WebAuthn prompt with the server's request options, attempt
 * with the assertion.
 * - `discoverable` (default without an identifier): a new sign-in with no identifier; the
 *   browser offers every passkey of this site and the one chosen names the account;
 * - `autofill`: the same, but the prompt is the browser's autofill list on an input with
 *   `autocomplete="username webauthn"` (conditional mediation); it resolves when the user picks
 *   a passkey there, so start it when the form mounts;
 * - with an identifier already given (`signIn.create({ identifier })`), only that account's
 *   passkeys are offered.
 */
import { browserSupportsWebAuthnAutofill, startAuthentication } from '@simplewebauthn/browser';
/**
 * The steps of a sign-in this flow drives (the `SignIn` resource has them): named here rather
 * than imported, so this helper depends on what it uses and `sign-in.ts` alone imports it.
 */
export interface PasskeySignIn<S> {
  readonly id: string | null;
  readonly identifier: string | null;
  readonly firstFactorVerification: { readonly nonce: string | null } | null;
  create(params: { strategy: 'passkey' }): Promise<S>;
  prepareFirstFactor(params: { strategy: 'passkey' }): Promise<S>;
  attemptFirstFactor(params: { strategy: 'passkey'; publicKeyCredential: string }): Promise<S>;
}

export interface AuthenticateWithPasskeyParams {
  flow?: 'discoverable' | 'autofill';
}

/** Whether the browser can offer passkeys in an input's autofill (conditional UI). */
export const isPasskeyAutofillSupported = (): Promise<boolean> => browserSupportsWebAuthnAutofill();

export async function authenticateWithPasskey<S extends PasskeySignIn<S>>(
  signIn: S,
  params: AuthenticateWithPasskeyParams = {},
): Promise<S> {
  const named = params.flow === undefined && signIn.id !== null && signIn.identifier !== null;
  const started = named ? signIn : await signIn.create({ strategy: 'passkey' });
  const prepared = await started.prepareFirstFactor({ strategy: 'passkey' });
  const nonce = prepared.firstFactorVerification?.nonce;
  if (!nonce) throw new TypeError('The server sent no passkey request options.');
  const credential = await startAuthentication({
    optionsJSON: JSON.parse(nonce),
    useBrowserAutofill: params.flow === 'autofill',
  });
  return prepared.attemptFirstFactor({ strategy: 'passkey', publicKeyCredential: JSON.stringify(credential) });
}
