/** Delete the account, after typing a confirmation phrase. */
import type { User } from '@gatehouse/js';
import { useState } from 'react';
import { useLocalization } from '../../context.ts';
import { Alert, SubmitButton } from '../../ui/card.tsx';
import { Field } from '../../ui/field.tsx';
import { useFormErrors } from '../../ui/form-errors.ts';
import { fmt } from '../../ui/localization/en-us.ts';
import { useSubmit } from '../../ui/use-submit.ts';
import { useReverification } from './reverification.tsx';
import { Section } from './section.tsx';

export function DeleteSection({ user, onDeleted }: { user: User; onDeleted?: (() => void) | undefined }) {
  const l = useLocalization();
  const [confirm, setConfirm] = useState('');
  const form = useFormErrors(['confirm']);
  const reverify = useReverification();
  const phrase = l.userProfile.deletePhrase;
  const { loading, onSubmit } = useSubmit(form, async () => {
    await reverify(() => user.delete());
    onDeleted?.();
  });
  return (
    <Section title={l.userProfile.deleteSection} className="gh-delete-section">
      <p className="gh-hint">{l.userProfile.deleteDescription}</p>
      <form className="gh-form" noValidate onSubmit={onSubmit}>
        <Alert message={form.errors.general} />
        <Field
          name="confirm"
          label={fmt(l.userProfile.deleteConfirmLabel, { phrase })}
          value={confirm}
          onChange={setConfirm}
          autoComplete="off"
        />
        <SubmitButton
          loading={loading}
          variant="danger"
          disabled={confirm.trim().toLowerCase() !== phrase.toLowerCase()}
        >
          {l.userProfile.deleteButton}
        </SubmitButton>
      </form>
    </Section>
  );
}
