/**
 * Reverification (step-up) for `<UserProfile>`: sensitive actions (password, email addresses,
 * account deletion) go through `useReverification()`. When one answers
 * `session_reverification_required`, a modal asks for the password (or a code mailed to the
 * primary address when the user has no password), then, when the level needs it
 * (`needs_second_factor`), a second factor (`reverification-second-factor.tsx`); it reverifies
 * the session, and the action runs again by itself. Cancelling (Escape, Cancel) leaves the
 * action failed with its error. Apps wrap their own sensitive calls the same way with
 * `useReverification()` inside a `<ReverificationBoundary>`.
 *
 * The dialog is a real modal: labelled by its title, focus moves in and is trapped (Tab and
 * Shift+Tab cycle), Escape closes it, and focus returns to what had it before.
 */
import { reverificationRequirement, type SessionVerification } from '@gatehouse/js';
import {
  createContext,
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { useLocalization } from '../../context.ts';
import { useGatehouseState } from '../../hooks/use-gatehouse-state.ts';
import { Alert, SubmitButton } from '../../ui/card.tsx';
import { Field } from '../../ui/field.tsx';
import { useFormErrors } from '../../ui/form-errors.ts';
import { fmt } from '../../ui/localization/en-us.ts';
import { useSubmit } from '../../ui/use-submit.ts';
import { ReverificationSecondFactor } from './reverification-second-factor.tsx';

/** Runs `action`; after a reverification it runs it once more and returns that result. */
export type Reverify = <T>(action: () => Promise<T>) => Promise<T>;

const ReverificationContext = createContext<Reverify>((action) => action());

/**
 * Wraps a sensitive SDK call so a `session_reverification_required` answer opens the dialog and retries.
 * @example
 * const reverify = useReverification();
 * await reverify(() => user.updatePassword({ currentPassword, newPassword }));
 */
export const useReverification = (): Reverify => useContext(ReverificationContext);

interface Pending {
  level: 'first_factor' | 'second_factor' | 'multi_factor';
  done: () => void;
  cancel: () => void;
}

/** Provides `useReverification()` to its children and shows the dialog when one needs it. */
export function ReverificationBoundary({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<Pending | null>(null);
  const reverify = useCallback(async <T,>(action: () => Promise<T>): Promise<T> => {
    try {
      return await action();
    } catch (error) {
      const requirement = reverificationRequirement(error);
      if (!requirement) throw error;
      await new Promise<void>((resolve, reject) =>
        setPending({
          level: requirement.level,
          done: () => {
            setPending(null);
            resolve();
          },
          cancel: () => {
            setPending(null);
            reject(error);
          },
        }),
      );
      return action();
    }
  }, []) as Reverify;
  return (
    <ReverificationContext.Provider value={reverify}>
      {children}
      {pending && <ReverificationDialog level={pending.level} onDone={pending.done} onCancel={pending.cancel} />}
    </ReverificationContext.Provider>
  );
}

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]):not([type="hidden"]), [href], [tabindex]:not([tabindex="-1"])';

function trapFocus(e: KeyboardEvent<HTMLElement>) {
  if (e.key !== 'Tab') return;
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return;
  const active = e.currentTarget.ownerDocument.activeElement;
  if (e.shiftKey && (active === first || active === e.currentTarget)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && active === last) {
    e.preventDefault();
    first.focus();
  }
}

function ReverificationDialog({
  level,
  onDone,
  onCancel,
}: {
  level: Pending['level'];
  onDone: () => void;
  onCancel: () => void;
}) {
  const l = useLocalization();
  const { session } = useGatehouseState();
  const titleId = useId();
  const descriptionId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const [verification, setVerification] = useState<SessionVerification | null>(null);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const form = useFormErrors(['password', 'code']);
  const started = useRef(false);
  const { fail } = form;

  // Focus in on open, back to the opener on close.
  useEffect(() => {
    const opener = dialog.current?.ownerDocument.activeElement as HTMLElement | null;
    dialog.current?.focus();
    return () => opener?.focus?.();
  }, []);

  // Start once (StrictMode runs effects twice; a second prepare would void the first code).
  useEffect(() => {
    if (started.current || !session) return;
    started.current = true;
    (async () => {
      let v = await session.startVerification({ level });
      if (v.status === 'complete') return onDone();
      const strategies = v.supportedFirstFactors.map((f) => f.strategy);
      if (v.status === 'needs_first_factor' && !strategies.includes('password') && strategies.includes('email_code'))
        v = await session.prepareFirstFactorVerification({ strategy: 'email_code' });
      setVerification(v);
    })().catch(fail);
  }, [session, level, onDone, fail]);

  const strategies = verification?.supportedFirstFactors.map((f) => f.strategy) ?? [];
  const strategy =
    verification?.status !== 'needs_first_factor'
      ? null
      : strategies.includes('password')
        ? 'password'
        : strategies.includes('email_code')
          ? 'email_code'
          : null;
  const codeTo = verification?.supportedFirstFactors.find((f) => f.strategy === 'email_code')?.safeIdentifier ?? '';

  const { loading, onSubmit } = useSubmit(form, async () => {
    if (!session || !strategy) return;
    const v = await session.attemptFirstFactorVerification(
      strategy === 'password' ? { strategy, password } : { strategy, code },
    );
    if (v.status === 'complete') onDone();
    else setVerification(v);
  });

  const secondFactor = verification?.status === 'needs_second_factor' && session;
  const description =
    verification === null
      ? l.common.loading
      : strategy === 'password'
        ? l.reverification.passwordDescription
        : strategy === 'email_code'
          ? fmt(l.reverification.codeDescription, { emailAddress: codeTo })
          : l.reverification.unavailable;

  return (
    <div className="gh-dialog-backdrop gh-reverification-backdrop">
      <div
        ref={dialog}
        className="gh-card gh-dialog gh-reverification"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            // Only this dialog closes, not a `<UserProfile>` dialog around it.
            e.stopPropagation();
            onCancel();
          } else trapFocus(e);
        }}
      >
        <h2 id={titleId} className="gh-title">
          {l.reverification.title}
        </h2>
        {secondFactor ? (
          <ReverificationSecondFactor
            session={session}
            verification={verification}
            titleId={titleId}
            descriptionId={descriptionId}
            onVerified={(v) => (v.status === 'complete' ? onDone() : setVerification(v))}
          />
        ) : (
          <p id={descriptionId} className="gh-subtitle">
            {description}
          </p>
        )}
        <form className="gh-form" noValidate onSubmit={onSubmit}>
          <Alert message={form.errors.general} />
          {strategy === 'password' && (
            <Field
              name="password"
              type="password"
              autoComplete="current-password"
              label={l.formFields.password}
              value={password}
              onChange={setPassword}
              error={form.errors.fields.password}
              inputRef={form.inputRef('password')}
            />
          )}
          {strategy === 'email_code' && (
            <Field
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              label={l.formFields.code}
              value={code}
              onChange={setCode}
              error={form.errors.fields.code}
              inputRef={form.inputRef('code')}
            />
          )}
          {strategy && <SubmitButton loading={loading}>{l.common.continue}</SubmitButton>}
          <button type="button" className="gh-button gh-button-secondary" onClick={onCancel}>
            {l.common.cancel}
          </button>
        </form>
      </div>
    </div>
  );
}
