/**
 * A sign-up that a social provider started and that misses fields the provider did not give
 * (`missing_requirements`): only those fields (a username, an email address, names), then the
 * email code when a new address needs verifying, then the hand-over as every flow does. Shown
 * by `<SignUp>` (on its SSO callback, or when it finds such a sign-up on the client) and by
 * `<SignIn>` after a sign-in whose provider account had no user was transferred to a sign-up.
 */
import type { SignUp as SignUpResource } from '@gatehouse/js';
import { useId, useState } from 'react';
import { useLocalization } from '../context.ts';
import type { Appearance } from '../ui/appearance.ts';
import { Alert, Card, SubmitButton } from '../ui/card.tsx';
import { Field } from '../ui/field.tsx';
import { useFormErrors } from '../ui/form-errors.ts';
import { fmt, type Localization } from '../ui/localization/en-us.ts';
import { useSubmit } from '../ui/use-submit.ts';
import type { AfterAuthProps } from './finish.ts';
import { useSignUpSteps } from './sign-up-steps.tsx';

/** The fields this form can ask for, in form order, with how each is shown and sent. */
const FIELDS = {
  first_name: { label: (l: Localization) => l.formFields.firstName, type: 'text', autoComplete: 'given-name' },
  last_name: { label: (l: Localization) => l.formFields.lastName, type: 'text', autoComplete: 'family-name' },
  username: { label: (l: Localization) => l.formFields.username, type: 'text', autoComplete: 'username' },
  email_address: { label: (l: Localization) => l.formFields.emailAddress, type: 'email', autoComplete: 'email' },
  password: { label: (l: Localization) => l.formFields.password, type: 'password', autoComplete: 'new-password' },
} as const;
type FieldName = keyof typeof FIELDS;
const NAMES = Object.keys(FIELDS) as FieldName[];
const isField = (f: string): f is FieldName => f in FIELDS;

const PARAMS: Record<FieldName, 'firstName' | 'lastName' | 'username' | 'emailAddress' | 'password'> = {
  first_name: 'firstName',
  last_name: 'lastName',
  username: 'username',
  email_address: 'emailAddress',
  password: 'password',
};

/** Whether a client's sign-up is one a provider started that now waits for fields. */
export const needsContinue = (su: SignUpResource): boolean =>
  su.status === 'missing_requirements' &&
  su.verifications.externalAccount?.status === 'verified' &&
  su.missingFields.length > 0;

export function SignUpContinue(
  props: AfterAuthProps & {
    signUp: SignUpResource;
    appearance: Appearance | undefined;
    resendCooldownSeconds?: number;
    /** "Back": leave this form (for the component's own first step). */
    onBack?: () => void;
  },
) {
  const l = useLocalization();
  const titleId = useId();
  const [signUp, setSignUp] = useState(props.signUp);
  const [values, setValues] = useState<Record<FieldName, string>>(
    () => Object.fromEntries(NAMES.map((n) => [n, ''])) as Record<FieldName, string>,
  );
  const form = useFormErrors(NAMES);
  const steps = useSignUpSteps(props, form);
  // The fields asked for stay those of the first answer, so a field fixed after an error stays shown.
  const [asked] = useState(() => props.signUp.missingFields.filter(isField));
  const unknown = props.signUp.missingFields.filter((f) => !isField(f));

  const continueWith = (su: SignUpResource) => {
    setSignUp(su);
    return steps.continueWith(su);
  };

  const { loading, onSubmit } = useSubmit(form, async () => {
    const params = Object.fromEntries(asked.map((f) => [PARAMS[f], values[f].trim()]));
    await continueWith(await signUp.update(params));
  });

  if (steps.step) return steps.step;
  return (
    <Card
      appearance={props.appearance}
      className="gh-sign-up gh-sign-up-continue"
      labelledBy={titleId}
      title={l.signUp.continueTitle}
      subtitle={l.signUp.continueSubtitle}
    >
      <form className="gh-form" noValidate onSubmit={onSubmit} aria-labelledby={titleId}>
        <Alert
          message={
            form.errors.general ??
            (unknown.length > 0 ? fmt(l.signUp.missingFields, { fields: unknown.join(', ') }) : null)
          }
        />
        {asked.map((name, i) => (
          <Field
            key={name}
            name={name}
            label={FIELDS[name].label(l)}
            type={FIELDS[name].type}
            autoComplete={FIELDS[name].autoComplete}
            value={values[name]}
            onChange={(v) => setValues((s) => ({ ...s, [name]: v }))}
            error={form.errors.fields[name]}
            inputRef={form.inputRef(name)}
            autoFocus={i === 0}
            {...(name === 'username' && { autoCapitalize: 'none', spellCheck: false })}
          />
        ))}
        <SubmitButton loading={loading}>{l.common.continue}</SubmitButton>
      </form>
      {props.onBack && (
        <button type="button" className="gh-link" onClick={props.onBack}>
          {l.common.back}
        </button>
      )}
    </Card>
  );
}
