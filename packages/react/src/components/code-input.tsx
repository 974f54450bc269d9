/**
 * The one-time code field: one input (so pasting the whole code just works, and phones offer
 * the code from the message with `autocomplete="one-time-code"`), digits only, and `onComplete`
 * as soon as all the digits are there.
 */
import type { Ref } from 'react';
import { useLocalization } from '../context.ts';
import { Field } from '../ui/field.tsx';

export const CODE_LENGTH = 6;

export function CodeInput(props: {
  value: string;
  onChange: (code: string) => void;
  onComplete: (code: string) => void;
  error?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
  label?: string;
  disabled?: boolean;
}) {
  const l = useLocalization();
  const accept = (raw: string) => {
    const code = raw.replace(/\D/g, '').slice(0, CODE_LENGTH);
    props.onChange(code);
    if (code.length === CODE_LENGTH && !props.disabled) props.onComplete(code);
  };
  return (
    <Field
      name="code"
      label={props.label ?? l.formFields.code}
      className="gh-code-input"
      value={props.value}
      onChange={accept}
      onPaste={(e) => {
        e.preventDefault();
        accept(e.clipboardData.getData('text'));
      }}
      error={props.error}
      inputRef={props.inputRef}
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]*"
      maxLength={CODE_LENGTH}
      autoFocus
    />
  );
}
