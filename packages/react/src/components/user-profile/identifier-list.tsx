/**
 * What the email and phone sections share: the list of a user's addresses or numbers with
 * their badges, "Verify" on an unverified one, "Remove" (through the reverification dialog),
 * the add form (reverified too) and, after an add or a "Verify", the code step with its
 * resend countdown. Each section says what it lists, how to create one and how to show it.
 */
import { type ReactNode, useId, useRef, useState } from 'react';
import { useLocalization } from '../../context.ts';
import { Alert, Status, SubmitButton } from '../../ui/card.tsx';
import { Field } from '../../ui/field.tsx';
import { useFormErrors } from '../../ui/form-errors.ts';
import { useSubmit } from '../../ui/use-submit.ts';
import { CodeForm } from '../code-form.tsx';
import { ResendButton } from '../resend-button.tsx';
import { useCountdown } from '../use-countdown.ts';
import { useReverification } from './reverification.tsx';

// The server's default resend interval for mailed and texted codes; a refused resend shows its error.
const RESEND_COOLDOWN_SECONDS = 30;

/** An `EmailAddress` or a `PhoneNumber` of `@gatehouse/js`: verified with a code, removable. */
export interface Verifiable<T> {
  id: string;
  isVerified: boolean;
  prepareVerification(): Promise<T>;
  attemptVerification(params: { code: string }): Promise<T>;
  destroy(): Promise<unknown>;
}

export interface IdentifierListProps<T extends Verifiable<T>> {
  items: T[];
  /** The text of an item in the list and in the code step's hint. */
  display: (item: T) => string;
  isPrimary: (item: T) => boolean;
  canRemove: (item: T) => boolean;
  /** More badges after primary and verified (e.g. two-step verification). */
  badges?: (item: T) => ReactNode;
  /** More buttons after Verify and Remove. */
  actions?: (item: T) => ReactNode;
  /** Shown when the list is empty. */
  empty?: string;
  create: (value: string) => Promise<T>;
  /** A light check before the request: the message to show beside the field, or null. */
  validate?: (value: string) => string | null;
  /** The add form's field; `name` is also the API's `param_name` for its errors. */
  field: { name: string; label: string; hint?: string; type: string; autoComplete: string };
  verifyHint: (display: string) => string;
}

export function IdentifierList<T extends Verifiable<T>>(props: IdentifierListProps<T>) {
  const l = useLocalization();
  const { field } = props;
  const hintId = useId();
  const [verifying, setVerifying] = useState<T | null>(null);
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [code, setCodeState] = useState('');
  // Read by the submit, which may run in the same event that changed the code (auto-submit).
  const codeRef = useRef('');
  const setCode = (c: string) => {
    codeRef.current = c;
    setCodeState(c);
  };
  const [notice, setNotice] = useState<string | null>(null);
  const [wait, startWait] = useCountdown();
  const addForm = useFormErrors([field.name]);
  const codeForm = useFormErrors(['code']);
  const listForm = useFormErrors([]);
  const fieldInput = useRef<HTMLInputElement | null>(null);
  const reverify = useReverification();

  const startVerification = async (item: T) => {
    setCode('');
    setNotice(null);
    codeForm.clear();
    setVerifying(await item.prepareVerification());
    startWait(RESEND_COOLDOWN_SECONDS);
  };
  const add = useSubmit(addForm, async () => {
    const problem = props.validate?.(value) ?? null;
    setInvalid(problem);
    if (problem) return fieldInput.current?.focus();
    const created = await reverify(() => props.create(value.trim()));
    setValue('');
    await startVerification(created);
  });
  const verify = useSubmit(codeForm, async () => {
    await verifying?.attemptVerification({ code: codeRef.current });
    setVerifying(null);
  });
  const resend = useSubmit(codeForm, async () => {
    if (!verifying) return;
    await startVerification(verifying);
    setNotice(l.signUp.codeSent);
  });
  const run = (fn: () => Promise<unknown>) => {
    listForm.clear();
    fn().catch(listForm.fail);
  };
  const addInputRef = addForm.inputRef(field.name);

  return (
    <>
      <Alert message={listForm.errors.general} />
      {props.items.length === 0 && props.empty && <p className="gh-muted">{props.empty}</p>}
      <ul className="gh-list">
        {props.items.map((item) => {
          const text = props.display(item);
          return (
            <li key={item.id} className="gh-list-item">
              <span>{text}</span>
              <span>
                {props.isPrimary(item) && <span className="gh-badge">{l.common.primary}</span>}{' '}
                <span className={`gh-badge${item.isVerified ? ' gh-badge-success' : ''}`}>
                  {item.isVerified ? l.common.verified : l.common.unverified}
                </span>
                {props.badges?.(item)}
              </span>
              {!item.isVerified && (
                <button
                  type="button"
                  className="gh-link"
                  onClick={() => run(() => startVerification(item))}
                  aria-label={`${l.common.verify} ${text}`}
                >
                  {l.common.verify}
                </button>
              )}
              {props.canRemove(item) && (
                <button
                  type="button"
                  className="gh-link"
                  onClick={() => run(() => reverify(() => item.destroy()))}
                  aria-label={`${l.common.remove} ${text}`}
                >
                  {l.common.remove}
                </button>
              )}
              {props.actions?.(item)}
            </li>
          );
        })}
      </ul>
      {verifying ? (
        <div className="gh-verify-step">
          <p className="gh-hint" id={hintId}>
            {props.verifyHint(props.display(verifying))}
          </p>
          <CodeForm labelledBy={hintId} form={codeForm} code={code} onCodeChange={setCode} verify={verify} />
          <Status message={notice} />
          <ResendButton
            wait={wait}
            loading={resend.loading}
            onResend={() => void resend.onSubmit()}
            labels={l.signUp}
          />
          <button type="button" className="gh-link" onClick={() => setVerifying(null)}>
            {l.common.cancel}
          </button>
        </div>
      ) : (
        <form className="gh-form" noValidate onSubmit={add.onSubmit}>
          <Alert message={addForm.errors.general} />
          <Field
            name={field.name}
            type={field.type}
            autoComplete={field.autoComplete}
            label={field.label}
            {...(field.hint !== undefined && { hint: field.hint })}
            value={value}
            onChange={(v) => {
              setValue(v);
              setInvalid(null);
            }}
            error={invalid ?? addForm.errors.fields[field.name]}
            inputRef={(el) => {
              fieldInput.current = el;
              addInputRef(el);
            }}
          />
          <SubmitButton loading={add.loading}>{l.userProfile.add}</SubmitButton>
        </form>
      )}
    </>
  );
}
