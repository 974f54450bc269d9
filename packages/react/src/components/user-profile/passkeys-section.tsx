/**
 * The user's passkeys (shown when the environment enables passkeys): the list with when each
 * was last used; add one (the browser's passkey prompt), rename, remove. The section keeps its
 * own list (`user.getPasskeys()`), reloaded after each change.
 */
import type { Passkey, User } from '@gatehouse/js';
import { useCallback, useEffect, useState } from 'react';
import { useLocalization } from '../../context.ts';
import { Alert, SubmitButton } from '../../ui/card.tsx';
import { Field } from '../../ui/field.tsx';
import { useFormErrors } from '../../ui/form-errors.ts';
import { fmt } from '../../ui/localization/en-us.ts';
import { useSubmit } from '../../ui/use-submit.ts';
import { useReverification } from './reverification.tsx';
import { Section } from './section.tsx';

const isPromptCancelled = (err: unknown) =>
  err instanceof Error && (err.name === 'NotAllowedError' || err.name === 'AbortError');

export function PasskeysSection({ user }: { user: User }) {
  const l = useLocalization();
  const [passkeys, setPasskeys] = useState<Passkey[] | null>(null);
  const [renaming, setRenaming] = useState<Passkey | null>(null);
  const [name, setName] = useState('');
  const listForm = useFormErrors([]);
  const renameForm = useFormErrors(['name']);
  const reverify = useReverification();

  const reload = useCallback(async () => setPasskeys(await user.getPasskeys()), [user]);
  useEffect(() => {
    reload().catch(listForm.fail);
  }, [reload, listForm.fail]);

  const add = useSubmit(listForm, async () => {
    try {
      await reverify(() => user.createPasskey());
    } catch (err) {
      if (isPromptCancelled(err)) return listForm.failWith(l.passkeys.cancelled);
      throw err;
    }
    await reload();
  });
  const rename = useSubmit(renameForm, async () => {
    await renaming?.update({ name });
    setRenaming(null);
    await reload();
  });
  const remove = (p: Passkey) => {
    listForm.clear();
    reverify(() => p.delete())
      .then(reload)
      .catch(listForm.fail);
  };

  return (
    <Section title={l.passkeys.section} className="gh-passkeys-section">
      <Alert message={listForm.errors.general} />
      {passkeys && passkeys.length === 0 && <p className="gh-muted">{l.passkeys.none}</p>}
      <ul className="gh-list">
        {(passkeys ?? []).map((p) => (
          <li key={p.id} className="gh-list-item gh-passkey">
            <span className="gh-passkey-name">{p.name}</span>
            <span className="gh-muted">
              {p.lastUsedAt ? fmt(l.passkeys.lastUsed, { date: p.lastUsedAt.toLocaleString() }) : l.passkeys.neverUsed}
            </span>
            <button
              type="button"
              className="gh-link"
              onClick={() => {
                setRenaming(p);
                setName(p.name);
              }}
            >
              {l.passkeys.rename}
            </button>
            <button type="button" className="gh-link gh-link-danger" onClick={() => remove(p)}>
              {l.common.remove}
            </button>
          </li>
        ))}
      </ul>
      {renaming ? (
        <form className="gh-form" noValidate onSubmit={rename.onSubmit}>
          <Alert message={renameForm.errors.general} />
          <Field
            name="name"
            label={l.passkeys.nameLabel}
            value={name}
            onChange={setName}
            error={renameForm.errors.fields.name}
            inputRef={renameForm.inputRef('name')}
            autoFocus
          />
          <SubmitButton loading={rename.loading}>{l.common.save}</SubmitButton>
          <button type="button" className="gh-link" onClick={() => setRenaming(null)}>
            {l.common.cancel}
          </button>
        </form>
      ) : (
        <button
          type="button"
          className="gh-button gh-button-secondary gh-add-passkey"
          disabled={add.loading}
          onClick={() => void add.onSubmit()}
        >
          {l.passkeys.add}
        </button>
      )}
    </Section>
  );
}
