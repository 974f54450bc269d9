/**
 * One labelled input with its error: `aria-invalid` and `aria-describedby` point at the
 * message, which sits in a polite live region so screen readers hear it when it appears.
 */
import { type InputHTMLAttributes, type Ref, useId } from 'react';
import { useLocalization } from '../context.ts';

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  /** Shows "Optional" beside the label. */
  optional?: boolean;
  hint?: string;
  inputRef?: Ref<HTMLInputElement>;
}

export function Field({
  name,
  label,
  value,
  onChange,
  error,
  optional,
  hint,
  inputRef,
  className,
  ...rest
}: FieldProps) {
  const l = useLocalization();
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`gh-field gh-field-${name}`}>
      <label className="gh-label" htmlFor={id}>
        <span>{label}</span>
        {optional && <span className="gh-optional">{l.common.optional}</span>}
      </label>
      <input
        {...rest}
        ref={inputRef}
        id={id}
        name={name}
        className={`gh-input${className ? ` ${className}` : ''}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={optional ? undefined : true}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {hint && (
        <p id={hintId} className="gh-hint">
          {hint}
        </p>
      )}
      <p id={errorId} className="gh-field-error" aria-live="polite">
        {error}
      </p>
    </div>
  );
}
