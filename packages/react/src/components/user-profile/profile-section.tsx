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
type ProfileField = (typeof FIELDS)[number];

const AUTOCOMPLETE: Record<ProfileField, string> = {
  first_name: 'given-name',
  last_name: 'family-name',
  username: 'username',
};

export function ProfileSection({ user, environment }: { user: User; environment: Environment }) {
  const l = useLocalization();
  const [values, setValues] = useState<Record<ProfileField, string>>({
    first_name: user.firstName ?? '',
    last_name: user.lastName ?? '',
    username: user.username ?? '',
  });
  const [saved, setSaved] = useState(false);
  const form = useFormErrors(FIELDS);
  const shown = FIELDS.filter((f) => environment.isEnabled(f));
  const { loading, onSubmit } = useSubmit(form, async () => {
    setSaved(false);
    const has = (f: ProfileField) => shown.includes(f);
    await user.update({
      ...(has('first_name') && { firstName: values.first_name }),
      ...(has('last_name') && { lastName: values.last_name }),
      ...(has('username') && { username: values.username }),
    });
    setSaved(true);
  });
  if (shown.length === 0) return null;
  const labels: Record<ProfileField, string> = {
    first_name: l.formFields.firstName,
    last_name: l.formFields.lastName,
    username: l.formFields.username,
  };
  return (
    <Section title={l.userProfile.profileSection} className="gh-profile-section">
      <form className="gh-form" noValidate onSubmit={onSubmit}>
        <Alert message={form.errors.general} />
        {shown.map((f) => (
          <Field
            key={f}
            name={f}
            label={labels[f]}
            autoComplete={AUTOCOMPLETE[f]}
            value={values[f]}
            onChange={(v) => setValues((prev) => ({ ...prev, [f]: v }))}
            error={form.errors.fields[f]}
            inputRef={form.inputRef(f)}
            optional={!environment.isRequired(f)}
          />
        ))}
        <SubmitButton loading={loading}>{l.common.save}</SubmitButton>
        <Status message={saved ? l.common.saved : null} />
      </form>
    </Section>
  );
}
