/** Names and username, only those the environment enables; saved with `user.update`. */
import type { Environment, User } from '@gatehouse/js';
import { useState } from 'react';
import { useLocalization } from '../../context.ts';
import { Alert, Status, SubmitButton } from '../../ui/card.tsx';
import { Field } from '../../ui/field.tsx';
import { useFormErrors } from '../../ui/form-errors.ts';
import { useSubmit } from '../../ui/use-submit.ts';
import { Section } from './section.tsx';

const FIELDS = ['first_name', 'last_name', 'username'] as const;

export function ProfileSection({ user, environment }: { user: User; environment: Environment }) {
  const l = useLocalization();
  const [firstName, setFirstName] = useState(user.firstName ?? '');
  const [lastName, setLastName] = useState(user.lastName ?? '');
  const [username, setUsername] = useState(user.username ?? '');
  const [saved, setSaved] = useState(false);
  const form = useFormErrors(FIELDS);
  const enabled = (f: (typeof FIELDS)[number]) => environment.isEnabled(f);
  const { loading, onSubmit } = useSubmit(form, async () => {
    setSaved(false);
    await user.update({
      ...(enabled('first_name') && { firstName }),
      ...(enabled('last_name') && { lastName }),
      ...(enabled('username') && { username }),
    });
    setSaved(true);
  });
  if (!FIELDS.some(enabled)) return null;
  const optional = (f: (typeof FIELDS)[number]) => !environment.isRequired(f);
  return (
    <Section title={l.userProfile.profileSection} className="gh-profile-section">
      <form className="gh-form" noValidate onSubmit={onSubmit}>
        <Alert message={form.errors.general} />
        {enabled('first_name') && (
          <Field
            name="first_name"
            label={l.formFields.firstName}
            autoComplete="given-name"
            value={firstName}
            onChange={setFirstName}
            error={form.errors.fields.first_name}
            inputRef={form.inputRef('first_name')}
            optional={optional('first_name')}
          />
        )}
        {enabled('last_name') && (
          <Field
            name="last_name"
            label={l.formFields.lastName}
            autoComplete="family-name"
            value={lastName}
            onChange={setLastName}
            error={form.errors.fields.last_name}
            inputRef={form.inputRef('last_name')}
            optional={optional('last_name')}
          />
        )}
        {enabled('username') && (
          <Field
            name="username"
            label={l.formFields.username}
            autoComplete="username"
            value={username}
            onChange={setUsername}
            error={form.errors.fields.username}
            inputRef={form.inputRef('username')}
            optional={optional('username')}
          />
        )}
        <SubmitButton loading={loading}>{l.common.save}</SubmitButton>
        <Status message={saved ? l.common.saved : null} />
      </form>
    </Section>
  );
}
