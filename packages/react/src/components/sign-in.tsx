/**
 * `<SignIn>`: identifier, then password (`layout="identifier_first"`, the default), or both on
 * one page (`layout="combined"`). The identifier label follows the environment (email, or email
 * or username, or phone number). A phone number, where the instance signs in with one, leads to
 * its texted code (`phone_code` first factor, `sign-in-code-step.tsx`). Where the instance signs
 * in with emailed codes (`email_code`), an account without a password gets its code at once,
 * and the password step offers it by a link; a code step leads to the other offered factors
 * ("Use another method", `sign-in-other-methods.tsx`). On a device the user
 * never signed in on, a right password leads to an email code step (Client Trust, `needs_client_trust`). Errors show beside their field; on success the session becomes active and
 * `afterSignIn` (or `redirectUrl`) takes over.
 *
 * Social providers the environment enables show as buttons above the form
 * (`social-buttons.tsx`); a click goes to the provider, which sends the browser back to this
 * component's `sso-callback` sub-route (`sso-callback.ts`), where it carries on: signed in, or
 * the email code that links the provider account to an existing one, or the second factor, or
 * (a provider account with no user yet) the sign-up fields the provider did not give; a
 * refusal (`oauth_access_denied`) shows in the alert.
 */
import {
  isGatehouseAPIError,
  type OAuthStrategy,
  type SignIn as SignInResource,
  type SignUp as SignUpResource,
} from '@gatehouse/js';
import { useId, useState } from 'react';
import { useGatehouse, useLocalization } from '../context.ts';
import { useGatehouseState } from '../hooks/use-gatehouse-state.ts';
import type { Appearance } from '../ui/appearance.ts';
import { Alert, Card, SubmitButton } from '../ui/card.tsx';
import { Field } from '../ui/field.tsx';
import { useFormErrors } from '../ui/form-errors.ts';
import { fmt } from '../ui/localization/en-us.ts';
import { useSubmit } from '../ui/use-submit.ts';
import { type AfterAuthProps, activateAndContinue, continueAfterAuth, continueWhenActive } from './finish.ts';
import { SetupMfaTask } from './setup-mfa-task.tsx';
import { type FirstFactorCodeKind, SignInCodeStep, sendSignInCode } from './sign-in-code-step.tsx';
import { SignInEmailLinkStep, sendEmailLink } from './sign-in-email-link-step.tsx';
import { type OtherMethod, otherMethods, SignInOtherMethods } from './sign-in-other-methods.tsx';
import { isPromptCancelled, PasskeySignInButton, usePasskeyAutofill } from './sign-in-passkey.tsx';
import { SignInSecondFactorStep } from './sign-in-second-factor-step.tsx';
import { SignUpContinue } from './sign-up-continue.tsx';
import { SocialButtons, signInProviders } from './social-buttons.tsx';
import { type CallbackOutcome, type RoutingProps, startSocialRedirect, useSsoCallback } from './sso-callback.ts';

export interface SignInProps extends AfterAuthProps, RoutingProps {
  layout?: 'identifier_first' | 'combined';
  /** Link to the sign-up page; default the instance's. `null` hides the link. */
  signUpUrl?: string | null;
  initialIdentifier?: string;
  appearance?: Appearance;
}

const FIELDS = ['identifier', 'password'] as const;

const offers = (si: SignInResource, strategy: string) => si.supportedFirstFactors.some((f) => f.strategy === strategy);

/**
 * The code first factor to send as soon as the identifier is known, if any: the texted code of
 * a sign-in started with a phone number, or the emailed code where no password is offered
 * (an account without one). Otherwise the password step shows.
 */
const codeToSendAtOnce = (si: SignInResource): FirstFactorCodeKind | null => {
  if (si.identifier?.startsWith('+') && offers(si, 'phone_code')) return 'phone_code';
  if (offers(si, 'email_code') && !offers(si, 'password')) return 'email_code';
  return null;
};

export function SignIn(props: SignInProps) {
  return <SignInFlow {...props} />;
}

/**
 * `<SignIn>`, which `<SignUp>` also renders, with `resume`, for a sign-in a social sign-up was
 * transferred to (the provider account had a user) that needs another step.
 */
export function SignInFlow(props: SignInProps & { resume?: SignInResource }) {
  const gatehouse = useGatehouse();
  const l = useLocalization();
  const { loaded, environment, signIn: current } = useGatehouseState();
  const titleId = useId();
  const [identifier, setIdentifier] = useState(props.initialIdentifier ?? '');
  const [password, setPassword] = useState('');
  const [attempt, setAttempt] = useState<SignInResource | null>(null);
  /** A sign-in at `needs_client_trust` whose email code was sent: the code step shows. */
  const [trustStep, setTrustStep] = useState<SignInResource | null>(null);
  /** A sign-in at `needs_second_factor` (MFA): the second-factor step shows. */
  const [mfaStep, setMfaStep] = useState<SignInResource | null>(null);
  /** A sign-in whose first-factor code was sent (texted or emailed): the code step shows. */
  const [codeStep, setCodeStep] = useState<{ signIn: SignInResource; kind: FirstFactorCodeKind } | null>(null);
  /** Over the code step: the list of the other first factors offered ("Use another method"). */
  const [showMethods, setShowMethods] = useState(false);
  /** A pending session (MFA required, none set up): the set-up step shows. */
  const [taskSession, setTaskSession] = useState<string | null>(null);
  const form = useFormErrors(FIELDS);
  const combined = props.layout === 'combined';
  const step = !combined && attempt?.status === 'needs_first_factor' ? 'password' : 'identifier';
  /** A sign-in whose magic link is being waited for (`email_link`): the waiting screen shows. */
  const [linkStep, setLinkStep] = useState<SignInResource | null>(null);
  /** A sign-up a social sign-in was transferred to, missing fields the provider did not give. */
  const [continueSignUp, setContinueSignUp] = useState<SignUpResource | null>(null);
  const passkeys = environment?.isEnabled('passkey') ?? false;
  const phones = environment?.userSettings.attributes.phone_number?.usedForFirstFactor ?? false;

  /**
   * Sends the code and shows its step. Back on a code sent moments ago (code → password →
   * code), the server refuses a new one (`too_many_requests`) but the first is still good: its
   * step shows again.
   */
  const openCodeStep = async (si: SignInResource, kind: FirstFactorCodeKind) => {
    let sent = si;
    try {
      sent = await sendSignInCode(si, kind);
    } catch (err) {
      const pending = si.firstFactorVerification;
      const stillGood = pending?.strategy === kind && pending.status === 'unverified';
      if (!(stillGood && isGatehouseAPIError(err) && err.code === 'too_many_requests')) throw err;
    }
    setCodeStep({ signIn: sent, kind });
    setShowMethods(false);
  };

  const completeOrFail = async (si: SignInResource) => {
    if (si.status === 'complete' && si.createdSessionId)
      return activateAndContinue(gatehouse, si.createdSessionId, props, setTaskSession);
    const kind = si.status === 'needs_first_factor' && !combined ? codeToSendAtOnce(si) : null;
    if (kind) return openCodeStep(si, kind);
    if (si.status === 'needs_first_factor' && !combined) return setAttempt(si);
    if (si.status === 'needs_second_factor') return setMfaStep(si);
    if (si.status === 'needs_client_trust')
      return setTrustStep(await si.prepareSecondFactor({ strategy: 'email_code' }));
    form.failWith(l.signIn.unsupportedStep);
  };

  /** Back from a provider (or a transferred sign-in to resume): the step the outcome calls for. */
  const carryOn = async (o: CallbackOutcome) => {
    if ('error' in o) return form.fail(o.error);
    const r = o.result;
    if (r.status === 'complete') return continueWhenActive(gatehouse, r.sessionId, props, setTaskSession);
    if (r.status === 'missing_requirements') return setContinueSignUp(r.signUp);
    if (r.status !== 'needs_identifier') return completeOrFail(r.signIn);
  };
  // A resumed sign-in goes through the same door: completeOrFail reads the sign-in's own status.
  const waitingForCallback = useSsoCallback(gatehouse, props, loaded, {
    fallback: props.resume ? { result: { status: 'needs_first_factor', signIn: props.resume } } : null,
    carryOn,
    onError: form.fail,
  });

  // Passkeys in the identifier field's autofill (conditional UI), while that step shows.
  usePasskeyAutofill(passkeys && step === 'identifier' && !trustStep && !linkStep && !codeStep, completeOrFail);

  const { loading, onSubmit } = useSubmit(form, async () => {
    if (step === 'password' && attempt)
      return completeOrFail(await attempt.attemptFirstFactor({ strategy: 'password', password }));
    return completeOrFail(await current.create(combined ? { identifier, password } : { identifier }));
  });

  // The magic link is mailed on the click; the waiting screen then only polls.
  const emailLink = useSubmit(form, async () => {
    if (attempt) setLinkStep(await sendEmailLink(attempt, window.location.href));
  });

  // "Use a code sent to your email instead", on the password step.
  const emailCode = useSubmit(form, async () => {
    if (attempt) await openCodeStep(attempt, 'email_code');
  });

  /** A factor picked from "Use another method" (the code step's sign-in): its step opens. */
  const chooseMethod = async (si: SignInResource, method: OtherMethod) => {
    if (method === 'email_code' || method === 'phone_code') return openCodeStep(si, method);
    if (method === 'email_link') setLinkStep(await sendEmailLink(si, window.location.href));
    else if (method === 'passkey') {
      try {
        return await completeOrFail(await si.authenticateWithPasskey());
      } catch (err) {
        if (isPromptCancelled(err)) return;
        throw err;
      }
    } else setAttempt(si);
    setCodeStep(null);
    setShowMethods(false);
  };

  if (!loaded || !environment || waitingForCallback)
    return <Card appearance={props.appearance} subtitle={l.common.loading} />;
  if (continueSignUp)
    return (
      <SignUpContinue
        signUp={continueSignUp}
        appearance={props.appearance}
        {...(props.afterSignIn && { afterSignIn: props.afterSignIn })}
        {...(props.redirectUrl !== undefined && { redirectUrl: props.redirectUrl })}
        onBack={() => {
          setContinueSignUp(null);
          form.clear();
        }}
      />
    );
  if (linkStep)
    return (
      <SignInEmailLinkStep
        signIn={linkStep}
        redirectUrl={window.location.href}
        appearance={props.appearance}
        onComplete={completeOrFail}
        onBack={() => {
          setLinkStep(null);
          setAttempt(null);
          form.clear();
        }}
      />
    );
  if (taskSession)
    return (
      <SetupMfaTask
        sessionId={taskSession}
        appearance={props.appearance}
        onDone={() => continueAfterAuth(gatehouse, taskSession, props)}
      />
    );
  if (mfaStep)
    return (
      <SignInSecondFactorStep
        signIn={mfaStep}
        appearance={props.appearance}
        onComplete={completeOrFail}
        onBack={() => {
          setMfaStep(null);
          setAttempt(null);
          setPassword('');
          form.clear();
        }}
      />
    );
  if (codeStep) {
    const backToIdentifier = () => {
      setCodeStep(null);
      setShowMethods(false);
      setAttempt(null);
      form.clear();
    };
    if (showMethods)
      return (
        <SignInOtherMethods
          signIn={codeStep.signIn}
          current={codeStep.kind}
          appearance={props.appearance}
          onChoose={(method) => chooseMethod(codeStep.signIn, method)}
          onBack={() => setShowMethods(false)}
        />
      );
    return (
      <SignInCodeStep
        // A new kind is a new step: its field, notice and countdown start afresh.
        key={codeStep.kind}
        signIn={codeStep.signIn}
        kind={codeStep.kind}
        appearance={props.appearance}
        onComplete={completeOrFail}
        {...(otherMethods(codeStep.signIn, codeStep.kind).length > 0 && { onOtherMethod: () => setShowMethods(true) })}
        onBack={backToIdentifier}
      />
    );
  }
  if (trustStep)
    return (
      <SignInCodeStep
        signIn={trustStep}
        appearance={props.appearance}
        onComplete={completeOrFail}
        onBack={() => {
          setTrustStep(null);
          setAttempt(null);
          setPassword('');
          form.clear();
        }}
      />
    );
  const usernames = environment.isEnabled('username');
  const providers = step === 'identifier' ? signInProviders(environment) : [];
  const startSocial = (strategy: OAuthStrategy) => startSocialRedirect(current, props, environment, strategy);
  const signUpUrl = props.signUpUrl === undefined ? environment.displayConfig.signUpUrl : props.signUpUrl;
  const identifierField = (
    <Field
      name="identifier"
      label={
        phones
          ? usernames
            ? l.formFields.identifierOrUsernameOrPhone
            : l.formFields.identifierOrPhone
          : usernames
            ? l.formFields.identifierOrUsername
            : l.formFields.identifier
      }
      type={usernames || phones ? 'text' : 'email'}
      autoComplete={passkeys ? 'username webauthn' : 'username'}
      value={identifier}
      onChange={setIdentifier}
      error={form.errors.fields.identifier}
      inputRef={form.inputRef('identifier')}
      autoCapitalize="none"
      spellCheck={false}
    />
  );
  const passwordField = (
    <Field
      name="password"
      label={l.formFields.password}
      type="password"
      autoComplete="current-password"
      value={password}
      onChange={setPassword}
      error={form.errors.fields.password}
      inputRef={form.inputRef('password')}
      autoFocus={step === 'password'}
    />
  );

  return (
    <Card
      appearance={props.appearance}
      className="gh-sign-in"
      labelledBy={titleId}
      title={
        step === 'password'
          ? l.signIn.passwordTitle
          : fmt(l.signIn.title, { applicationName: environment.displayConfig.applicationName })
      }
      subtitle={
        step === 'password'
          ? fmt(l.signIn.passwordSubtitle, { identifier: attempt?.identifier ?? identifier })
          : l.signIn.subtitle
      }
    >
      <SocialButtons providers={providers} form={form} onStart={startSocial} />
      <form className="gh-form" noValidate onSubmit={onSubmit} aria-labelledby={titleId}>
        <Alert message={form.errors.general} />
        {step === 'identifier' ? (
          identifierField
        ) : (
          <input type="hidden" name="username" autoComplete="username" value={identifier} />
        )}
        {(combined || step === 'password') && passwordField}
        <SubmitButton loading={loading}>{l.common.continue}</SubmitButton>
      </form>
      {step === 'identifier' && passkeys && <PasskeySignInButton form={form} onComplete={completeOrFail} />}
      {step === 'password' && attempt?.supportedFirstFactors.some((f) => f.strategy === 'email_link') && (
        <button
          type="button"
          className="gh-link gh-email-link-button"
          disabled={emailLink.loading}
          onClick={() => void emailLink.onSubmit()}
        >
          {l.emailLink.useLink}
        </button>
      )}
      {step === 'password' && attempt && offers(attempt, 'email_code') && (
        <button
          type="button"
          className="gh-link gh-email-code-button"
          disabled={emailCode.loading}
          onClick={() => void emailCode.onSubmit()}
        >
          {l.signIn.useEmailCode}
        </button>
      )}
      {step === 'password' && (
        <button
          type="button"
          className="gh-link"
          onClick={() => {
            setAttempt(null);
            setPassword('');
            form.clear();
          }}
        >
          {l.signIn.changeIdentifier}
        </button>
      )}
      {signUpUrl && (
        <p className="gh-footer">
          {l.signIn.noAccount}{' '}
          <a className="gh-link" href={signUpUrl}>
            {l.signIn.signUpLink}
          </a>
        </p>
      )}
    </Card>
  );
}
