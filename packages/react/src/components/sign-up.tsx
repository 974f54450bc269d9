/**
 * `<SignUp>`: the fields the environment enables (first and last name, username only when
 * the instance turns them on; marked optional unless required), email and password; then the
 * email code step. On completion the session becomes active and `afterSignIn` (or
 * `redirectUrl`) takes over. A settings change on the server changes the form at next load.
 *
 * Social providers the environment enables show as buttons above the form; back from the
 * provider on this component's `sso-callback` sub-route (`sso-callback.ts`) it carries on:
 * signed up, or only the fields the provider did not give (`sign-up-continue.tsx`, also shown
 * when the client has such a sign-up in progress), or, for a provider account that already has
 * a user, the sign-in it was transferred to and its next step (`<SignIn>`'s). A refusal shows
 * in the alert.
 */
import type { OAuthStrategy, SignIn as SignInResource, SignUp as SignUpResource } from '@gatehouse/js';
import { useId, useState } from 'react';
import { useGatehouse, useLocalization } from '../context.ts';
import { useGatehouseState } from '../hooks/use-gatehouse-state.ts';
import type { Appearance } from '../ui/appearance.ts';
import { Alert, Card, SubmitButton } from '../ui/card.tsx';
import { Field } from '../ui/field.tsx';
import { useFormErrors } from '../ui/form-errors.ts';
import { useSubmit } from '../ui/use-submit.ts';
import { type AfterAuthProps, continueWhenActive } from './finish.ts';
import { SignInFlow } from './sign-in.tsx';
import { needsContinue, SignUpContinue } from './sign-up-continue.tsx';
import { useSignUpSteps } from './sign-up-steps.tsx';
import { SocialButtons, signInProviders } from './social-buttons.tsx';
import { type CallbackOutcome, type RoutingProps, startSocialRedirect, useSsoCallback } from './sso-callback.ts';

export interface SignUpProps extends AfterAuthProps, RoutingProps {
  /** Link to the sign-in page; default the instance's. `null` hides the link. */
  signInUrl?: string | null;
  /** Seconds before the code can be sent again. Default 30. */
  resendCooldownSeconds?: number;
  appearance?: Appearance;
}

const FIELDS = ['first_name', 'last_name', 'username', 'email_address', 'password'] as const;
type FieldName = (typeof FIELDS)[number];

export function SignUp(props: SignUpProps) {
  const gatehouse = useGatehouse();
  const l = useLocalization();
  const { loaded, environment, signUp: current } = useGatehouseState();
  const titleId = useId();
  const [values, setValues] = useState<Record<FieldName, string>>({
    first_name: '',
    last_name: '',
    username: '',
    email_address: '',
    password: '',
  });
  const form = useFormErrors(FIELDS);
  const { continueWith, step, taskSession, setTaskSession } = useSignUpSteps(props, form);
  /** A sign-up a provider started that misses fields: only those show. */
  const [continuing, setContinuing] = useState<SignUpResource | null>(null);
  /** A sign-up whose provider account had a user: the sign-in it became, at its next step. */
  const [signInStep, setSignInStep] = useState<SignInResource | null>(null);

  /** Back from a provider (or a sign-up a provider started that still misses fields): the step it calls for. */
  const carryOn = async (o: CallbackOutcome) => {
    if ('error' in o) return form.fail(o.error);
    const r = o.result;
    if (r.status === 'complete') return continueWhenActive(gatehouse, r.sessionId, props, setTaskSession);
    if (r.status === 'missing_requirements') return setContinuing(r.signUp);
    if (r.status !== 'needs_identifier') setSignInStep(r.signIn);
  };
  const waitingForCallback = useSsoCallback(gatehouse, props, loaded, {
    fallback: needsContinue(current) ? { result: { status: 'missing_requirements', signUp: current } } : null,
    carryOn,
    onError: form.fail,
  });

  const { loading, onSubmit } = useSubmit(form, async () => {
    const on = (f: FieldName) => environment?.isEnabled(f) && values[f].trim() !== '';
    const su = await current.create({
      emailAddress: values.email_address,
      password: values.password,
      ...(on('first_name') && { firstName: values.first_name }),
      ...(on('last_name') && { lastName: values.last_name }),
      ...(on('username') && { username: values.username }),
    });
    await continueWith(su);
  });

  if (!loaded || !environment || waitingForCallback)
    return <Card appearance={props.appearance} subtitle={l.common.loading} />;
  if (signInStep)
    return (
      <SignInFlow
        resume={signInStep}
        signUpUrl={null}
        {...(props.appearance && { appearance: props.appearance })}
        {...(props.afterSignIn && { afterSignIn: props.afterSignIn })}
        {...(props.redirectUrl !== undefined && { redirectUrl: props.redirectUrl })}
      />
    );
  if (continuing && !taskSession)
    return (
      <SignUpContinue
        signUp={continuing}
        appearance={props.appearance}
        resendCooldownSeconds={props.resendCooldownSeconds ?? 30}
        {...(props.afterSignIn && { afterSignIn: props.afterSignIn })}
        {...(props.redirectUrl !== undefined && { redirectUrl: props.redirectUrl })}
        onBack={() => {
          setContinuing(null);
          form.clear();
        }}
      />
    );
  if (step) return step;

  const field = (name: FieldName, label: string, extra: Partial<Parameters<typeof Field>[0]> = {}) =>
    environment.isEnabled(name) || name === 'email_address' || name === 'password' ? (
      <Field
        name={name}
        label={label}
        value={values[name]}
        onChange={(v) => setValues((s) => ({ ...s, [name]: v }))}
        error={form.errors.fields[name]}
        inputRef={form.inputRef(name)}
        optional={!environment.isRequired(name) && name !== 'email_address' && name !== 'password'}
        {...extra}
      />
    ) : null;
  const signInUrl = props.signInUrl === undefined ? environment.displayConfig.signInUrl : props.signInUrl;
  const startSocial = (strategy: OAuthStrategy) => startSocialRedirect(current, props, environment, strategy);
  const firstName = field('first_name', l.formFields.firstName, { autoComplete: 'given-name' });
  const lastName = field('last_name', l.formFields.lastName, { autoComplete: 'family-name' });

  return (
    <Card
      appearance={props.appearance}
      className="gh-sign-up"
      labelledBy={titleId}
      title={l.signUp.title}
      subtitle={l.signUp.subtitle}
    >
      <SocialButtons providers={signInProviders(environment)} form={form} onStart={startSocial} />
      <form className="gh-form" noValidate onSubmit={onSubmit} aria-labelledby={titleId}>
        <Alert message={form.errors.general} />
        {(firstName || lastName) && (
          <div className="gh-row">
            {firstName}
            {lastName}
          </div>
        )}
        {field('username', l.formFields.username, {
          autoComplete: 'username',
          autoCapitalize: 'none',
          spellCheck: false,
        })}
        {field('email_address', l.formFields.emailAddress, { type: 'email', autoComplete: 'email' })}
        {field('password', l.formFields.password, { type: 'password', autoComplete: 'new-password' })}
        <SubmitButton loading={loading}>{l.common.continue}</SubmitButton>
      </form>
      {signInUrl && (
        <p className="gh-footer">
          {l.signUp.haveAccount}{' '}
          <a className="gh-link" href={signInUrl}>
            {l.signUp.signInLink}
          </a>
        </p>
      )}
    </Card>
  );
}
