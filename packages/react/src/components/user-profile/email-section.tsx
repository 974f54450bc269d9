/**
 * The user's email addresses with their status (primary, verified or not); add one, verify it
 * with the code mailed to it, remove one that is not primary.
 */
import type { EmailAddress, User } from '@gatehouse/js';
import { useState } from 'react';
import { useLocalization } from '../../context.ts';
import { Alert, SubmitButton } from '../../ui/card.tsx';
import { Field } from '../../ui/field.tsx';
import { useFormErrors } from '../../ui/form-errors.ts';
import { fmt } from '../../ui/localization/en-us.ts';
import { useSubmit } from '../../ui/use-submit.ts';
import { CodeInput } from '../code-input.tsx';
import { useReverification } from './reverification.tsx';
import { Section } from './section.tsx';

export function EmailSection({ user }: { user: User }) {
  const l = useLocalization();
  const [verifying, setVerifying] = useState<EmailAddress | null>(null);
  const [newEmail, setNewEmail] = useState('');
  const [code, setCode] = useState('');
  const addForm = useFormErrors(['email_address']);
  const codeForm = useFormErrors(['code']);
  const listForm = useFormErrors([]);
  const reverify = useReverification();

  const startVerification = async (address: EmailAddress) => {
    setCode('');
    setVerifying(await address.prepareVerification());
  };
  const add = useSubmit(addForm, async () => {
    const created = await reverify(() => user.createEmailAddress({ email: newEmail }));
    setNewEmail('');
    await startVerification(created);
  });
  const verify = useSubmit(codeForm, async () => {
    await verifying?.attemptVerification({ code });
    setVerifying(null);
  });
  const run = (fn: () => Promise<unknown>) => {
    listForm.clear();
    fn().catch(listForm.fail);
  };

  return (
    <Section title={l.userProfile.emailSection} className="gh-email-section">
      <Alert message={listForm.errors.general} />
      <ul className="gh-list">
        {user.emailAddresses.map((e) => {
          const primary = e.id === user.primaryEmailAddressId;
          return (
            <li key={e.id} className="gh-list-item">
              <span>{e.emailAddress}</span>
              <span>
                {primary && <span className="gh-badge">{l.common.primary}</span>}{' '}
                <span className={`gh-badge${e.isVerified ? ' gh-badge-success' : ''}`}>
                  {e.isVerified ? l.common.verified : l.common.unverified}
                </span>
              </span>
              {!e.isVerified && (
                <button type="button" className="gh-link" onClick={() => run(() => startVerification(e))}>
                  {l.common.verify}
                </button>
              )}
              {!primary && (
                <button
                  type="button"
                  className="gh-link"
                  onClick={() => run(() => reverify(() => e.destroy()))}
                  aria-label={`${l.common.remove} ${e.emailAddress}`}
                >
                  {l.common.remove}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {verifying ? (
        <form className="gh-form" noValidate onSubmit={verify.onSubmit}>
          <p className="gh-hint">{fmt(l.userProfile.verifyEmailHint, { emailAddress: verifying.emailAddress })}</p>
          <Alert message={codeForm.errors.general} />
          <CodeInput
            value={code}
            onChange={setCode}
            onComplete={() => undefined}
            error={codeForm.errors.fields.code}
            inputRef={codeForm.inputRef('code')}
          />
          <SubmitButton loading={verify.loading}>{l.common.verify}</SubmitButton>
          <button type="button" className="gh-link" onClick={() => setVerifying(null)}>
            {l.common.cancel}
          </button>
        </form>
      ) : (
        <form className="gh-form" noValidate onSubmit={add.onSubmit}>
          <Alert message={addForm.errors.general} />
          <Field
            name="email_address"
            type="email"
            autoComplete="email"
            label={l.userProfile.addEmail}
            value={newEmail}
            onChange={setNewEmail}
            error={addForm.errors.fields.email_address}
            inputRef={addForm.inputRef('email_address')}
          />
          <SubmitButton loading={add.loading}>{l.userProfile.add}</SubmitButton>
        </form>
      )}
    </Section>
  );
}
