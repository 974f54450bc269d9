/**
 * Passkey sign-in for `<SignIn>`, shown only when the environment enables passkeys:
 * - `PasskeySignInButton`: "Sign in with a passkey" (discoverable credential: no identifier);
 * - `usePasskeyAutofill`: starts the conditional-UI request when the identifier step shows, so
 *   the browser lists passkeys in the identifier field's autofill (`autocomplete="username
 *   webauthn"`); picking one signs in. Aborted when the step goes away.
 */
import { isPasskeyAutofillSupported, type SignIn } from '@gatehouse/js';
import { useEffect, useRef } from 'react';
import { useGatehouse, useLocalization } from '../context.ts';
import { useGatehouseState } from '../hooks/use-gatehouse-state.ts';
import type { FormErrorState } from '../ui/form-errors.ts';
import { useSubmit } from '../ui/use-submit.ts';

/** A closed or refused browser prompt is the user's choice, not an error to show as such. */
export const isPromptCancelled = (err: unknown) =>
  err instanceof Error && (err.name === 'NotAllowedError' || err.name === 'AbortError');

export function PasskeySignInButton(props: { form: FormErrorState; onComplete: (si: SignIn) => Promise<void> }) {
  const l = useLocalization();
  const { signIn } = useGatehouseState();
  const run = useSubmit(props.form, async () => {
    try {
      await props.onComplete(await signIn.authenticateWithPasskey({ flow: 'discoverable' }));
    } catch (err) {
      if (isPromptCancelled(err)) return props.form.failWith(l.passkeys.cancelled);
      throw err;
    }
  });
  return (
    <button
      type="button"
      className="gh-button gh-button-secondary gh-passkey-button"
      disabled={run.loading}
      onClick={() => void run.onSubmit()}
    >
      {l.passkeys.signInButton}
    </button>
  );
}

export function usePasskeyAutofill(enabled: boolean, onComplete: (si: SignIn) => Promise<void>) {
  const gatehouse = useGatehouse();
  const latest = useRef(onComplete);
  latest.current = onComplete;
  useEffect(() => {
    if (!enabled) return;
    let active = true;
    void (async () => {
      if (!(await isPasskeyAutofillSupported()) || !active) return;
      try {
        const si = await gatehouse.signIn.authenticateWithPasskey({ flow: 'autofill' });
        if (active) await latest.current(si);
      } catch {
        // Autofill is a shortcut: a cancelled or failed pick leaves the form as it is.
      }
    })();
    return () => {
      active = false;
    };
  }, [enabled, gatehouse]);
}
