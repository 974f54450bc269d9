/**
 * `<AuthenticateWithRedirectCallback>` (Clerk's name): a page of its own that a social provider
 * sends the browser back to, for apps that start the round trip themselves
 * (`signIn.authenticateWithRedirect({ redirectUrl: '/sso-callback', ... })`). It runs
 * `gatehouse.handleRedirectCallback()` once and follows its outcome: signed in or up, to
 * `redirectUrlComplete` (default: the instance's after-sign-in URL); a sign-in that needs the
 * email code or a second factor, to the sign-in page's own callback (`<signInUrl>#/sso-callback`,
 * where `<SignIn>` shows that step); a sign-up missing fields, to the sign-up page (where
 * `<SignUp>` asks for them); nothing to carry on, to the sign-in page. A refusal
 * (`oauth_access_denied`, ...) shows here, with a way back to sign in.
 * `<SignIn>` and `<SignUp>` need none of this: they handle their own `sso-callback` sub-route.
 */
import type { HandleOAuthCallbackParams } from '@gatehouse/js';
import { useMemo } from 'react';
import { useGatehouse, useLocalization } from '../context.ts';
import { useGatehouseState } from '../hooks/use-gatehouse-state.ts';
import type { Appearance } from '../ui/appearance.ts';
import { Alert, Card } from '../ui/card.tsx';
import { toFormErrors } from '../ui/form-errors.ts';
import { useRedirectCallback } from './sso-callback.ts';

export interface AuthenticateWithRedirectCallbackProps extends HandleOAuthCallbackParams {
  appearance?: Appearance;
}

export function AuthenticateWithRedirectCallback(props: AuthenticateWithRedirectCallbackProps) {
  const gatehouse = useGatehouse();
  const l = useLocalization();
  const { loaded, environment } = useGatehouseState();
  const { appearance, ...given } = props;
  const display = environment?.displayConfig;
  const signInUrl = given.signInUrl ?? display?.signInUrl ?? '/sign-in';
  const signUpUrl = given.signUpUrl ?? display?.signUpUrl ?? '/sign-up';
  const params = useMemo<HandleOAuthCallbackParams>(
    () => ({
      signInUrl,
      signUpUrl,
      redirectUrlComplete: given.redirectUrlComplete ?? display?.afterSignInUrl ?? '/',
      continueSignUpUrl: given.continueSignUpUrl ?? signUpUrl,
      firstFactorUrl: given.firstFactorUrl ?? `${signInUrl}#/sso-callback`,
      secondFactorUrl: given.secondFactorUrl ?? `${signInUrl}#/sso-callback`,
    }),
    [
      signInUrl,
      signUpUrl,
      given.redirectUrlComplete,
      given.continueSignUpUrl,
      given.firstFactorUrl,
      given.secondFactorUrl,
      display?.afterSignInUrl,
    ],
  );
  const outcome = useRedirectCallback(gatehouse, loaded && environment !== null, params);
  if (!outcome || !('error' in outcome)) return <Card appearance={appearance} subtitle={l.common.loading} />;
  const message = toFormErrors(outcome.error, [], l).general;
  return (
    <Card appearance={appearance} className="gh-sso-callback">
      <Alert message={message} />
      <a className="gh-link" href={signInUrl}>
        {l.social.backToSignIn}
      </a>
    </Card>
  );
}
