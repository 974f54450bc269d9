/** The form of a 6-digit code step: the general error, the code input (submits itself when full) and Verify. */
import type { FormEvent } from 'react';
import { useLocalization } from '../context.ts';
import { Alert, SubmitButton } from '../ui/card.tsx';
import type { FormErrorState } from '../ui/form-errors.ts';
import { CodeInput } from './code-input.tsx';

export function CodeForm(props: {
  labelledBy: string;
  form: FormErrorState;
  code: string;
  onCodeChange: (code: string) => void;
  verify: { loading: boolean; onSubmit: (e?: FormEvent) => Promise<void> };
}) {
  const l = useLocalization();
  const { form, verify } = props;
  return (
    <form className="gh-form" noValidate onSubmit={verify.onSubmit} aria-labelledby={props.labelledBy}>
      <Alert message={form.errors.general} />
      <CodeInput
        value={props.code}
        onChange={props.onCodeChange}
        onComplete={() => void verify.onSubmit()}
        error={form.errors.fields.code}
        inputRef={form.inputRef('code')}
        disabled={verify.loading}
      />
      <SubmitButton loading={verify.loading}>{l.common.verify}</SubmitButton>
    </form>
  );
}
