/** Change the password (the current one first, when the user has one); optionally sign out elsewhere. */
import type { User } from '@gatehouse/js';
import { useId, useState } from 'react';
import { useLocalization } from '../../context.ts';
import { Alert, Status, SubmitButton } from '../../ui/card.tsx';
import { Field } from '../../ui/field.tsx';
import { useFormErrors } from '../../ui/form-errors.ts';
import { useSubmit } from '../../ui/use-submit.ts';
import { useReverification } from './reverification.tsx';
import { Section } from './section.tsx';

export function PasswordSection({ user }: { user: User }) {
  const l = useLocalization();
  const checkboxId = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [signOutOthers, setSignOutOthers] = useState(true);
  const [done, setDone] = useState(false);
  const form = useFormErrors(['current_password', 'new_password']);
  const reverify = useReverification();
  const { loading, onSubmit } = useSubmit(form, async () => {
    setDone(false);
    await reverify(() =>
      user.updatePassword({
        ...(user.passwordEnabled && { currentPassword: current }),
        newPassword: next,
        signOutOfOtherSessions: signOutOthers,
      }),
    );
    setCurrent('');
    setNext('');
    setDone(true);
  });
  return (
    <Section title={l.userProfile.passwordSection} className="gh-password-section">
      <form className="gh-form" noValidate onSubmit={onSubmit}>
        <Alert message={form.errors.general} />
        <input
          type="hidden"
          name="username"
          autoComplete="username"
          value={user.primaryEmailAddress?.emailAddress ?? ''}
        />
        {user.passwordEnabled && (
          <Field
            name="current_password"
            type="password"
            autoComplete="current-password"
            label={l.formFields.currentPassword}
            value={current}
            onChange={setCurrent}
            error={form.errors.fields.current_password}
            inputRef={form.inputRef('current_password')}
          />
        )}
        <Field
          name="new_password"
          type="password"
          autoComplete="new-password"
          label={l.formFields.newPassword}
          value={next}
          onChange={setNext}
          error={form.errors.fields.new_password}
          inputRef={form.inputRef('new_password')}
        />
        <div className="gh-checkbox">
          <input
            id={checkboxId}
            type="checkbox"
            checked={signOutOthers}
            onChange={(e) => setSignOutOthers(e.target.checked)}
          />
          <label htmlFor={checkboxId}>{l.userProfile.signOutOthers}</label>
        </div>
        <SubmitButton loading={loading}>{l.userProfile.updatePassword}</SubmitButton>
        <Status message={done ? l.userProfile.passwordUpdated : null} />
      </form>
    </Section>
  );
}
