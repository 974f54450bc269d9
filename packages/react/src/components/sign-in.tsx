/**
 * `<SignIn>`: identifier, then password (`layout="identifier_first"`, the default), or both on
 * one page (`layout="combined"`). The identifier label follows the environment (email, or email
 * or username). On a device the user never signed in on, a right password leads to an email
 * code step (Client Trust, `needs_client_trust`). Errors show beside their field; on success the session becomes active and
 * `afterSignIn` (or `redirectUrl`) takes over.
 */
import type { SignIn as SignInResource } from '@gatehouse/js';
import { useId, useState } from 'react';
import { useGatehouse, useLocalization } from '../context.ts';
import { useGatehouseState } from '../hooks/use-gatehouse-state.ts';
import type { Appearance } from '../ui/appearance.ts';
import { Alert, Card, SubmitButton } from '../ui/card.tsx';
import { Field } from '../ui/field.tsx';
import { useFormErrors } from '../ui/form-errors.ts';
import { fmt } from '../ui/localization/en-us.ts';
import { useSubmit } from '../ui/use-submit.ts';
import { type AfterAuthProps, activateAndContinue, continueAfterAuth } from './finish.ts';
import { SetupMfaTask } from './setup-mfa-task.tsx';
import { SignInCodeStep } from './sign-in-code-step.tsx';
import { SignInEmailLinkStep, sendEmailLink } from './sign-in-email-link-step.tsx';
import { PasskeySignInButton, usePasskeyAutofill } from './sign-in-passkey.tsx';
import { SignInSecondFactorStep } from './sign-in-second-factor-step.tsx';

export interface SignInProps extends AfterAuthProps {
  layout?: 'identifier_first' | 'combined';
  /** Link to the sign-up page; default the instance's. `null` hides the link. */
  signUpUrl?: string | null;
  initialIdentifier?: string;
  appearance?: Appearance;
}

const FIELDS = ['identifier', 'password'] as const;

export function SignIn(props: SignInProps) {
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
  /** A pending session (MFA required, none set up): the set-up step shows. */
  const [taskSession, setTaskSession] = useState<string | null>(null);
  const form = useFormErrors(FIELDS);
  const combined = props.layout === 'combined';
  const step = !combined && attempt?.status === 'needs_first_factor' ? 'password' : 'identifier';
  /** A sign-in whose magic link is being waited for (`email_link`): the waiting screen shows. */
  const [linkStep, setLinkStep] = useState<SignInResource | null>(null);
  const passkeys = environment?.isEnabled('passkey') ?? false;

  const completeOrFail = async (si: SignInResource) => {
    if (si.status === 'complete' && si.createdSessionId)
      return activateAndContinue(gatehouse, si.createdSessionId, props, setTaskSession);
    if (si.status === 'needs_first_factor' && !combined) return setAttempt(si);
    if (si.status === 'needs_second_factor') return setMfaStep(si);
    if (si.status === 'needs_client_trust')
      return setTrustStep(await si.prepareSecondFactor({ strategy: 'email_code' }));
    form.failWith(l.signIn.unsupportedStep);
  };

  // Passkeys in the identifier field's autofill (conditional UI), while that step shows.
  usePasskeyAutofill(passkeys && step === 'identifier' && !trustStep && !linkStep, completeOrFail);

  const { loading, onSubmit } = useSubmit(form, async () => {
    if (step === 'password' && attempt)
      return completeOrFail(await attempt.attemptFirstFactor({ strategy: 'password', password }));
    return completeOrFail(await current.create(combined ? { identifier, password } : { identifier }));
  });

  // The magic link is mailed on the click; the waiting screen then only polls.
  const emailLink = useSubmit(form, async () => {
    if (attempt) setLinkStep(await sendEmailLink(attempt, window.location.href));
  });

  if (!loaded || !environment) return <Card appearance={props.appearance} subtitle={l.common.loading} />;
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
  const signUpUrl = props.signUpUrl === undefined ? environment.displayConfig.signUpUrl : props.signUpUrl;
  const identifierField = (
    <Field
      name="identifier"
      label={usernames ? l.formFields.identifierOrUsername : l.formFields.identifier}
      type={usernames ? 'text' : 'email'}
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
