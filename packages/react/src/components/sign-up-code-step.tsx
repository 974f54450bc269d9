/** The sign-up's email code step: the code field, resend with a countdown, and a way back. */
import type { SignUp } from '@gatehouse/js';
import { useId, useRef, useState } from 'react';
import { useLocalization } from '../context.ts';
import type { Appearance } from '../ui/appearance.ts';
import { Card, Status } from '../ui/card.tsx';
import { useFormErrors } from '../ui/form-errors.ts';
import { fmt } from '../ui/localization/en-us.ts';
import { useSubmit } from '../ui/use-submit.ts';
import { CodeForm } from './code-form.tsx';
import { ResendButton } from './resend-button.tsx';
import { useCountdown } from './use-countdown.ts';

export function SignUpCodeStep(props: {
  signUp: SignUp;
  resendCooldownSeconds: number;
  appearance: Appearance | undefined;
  onComplete: (signUp: SignUp) => Promise<void>;
  onBack: () => void;
}) {
  const l = useLocalization();
  const titleId = useId();
  const [code, setCodeState] = useState('');
  // Read by the submit, which may run in the same event that changed the code (auto-submit).
  const codeRef = useRef('');
  const setCode = (c: string) => {
    codeRef.current = c;
    setCodeState(c);
  };
  const [notice, setNotice] = useState<string | null>(null);
  const cooldown = props.resendCooldownSeconds;
  const [wait, startWait] = useCountdown(cooldown);
  const form = useFormErrors(['code']);

  const verify = useSubmit(form, async () => {
    await props.onComplete(await props.signUp.attemptEmailAddressVerification({ code: codeRef.current }));
  });
  const resend = useSubmit(form, async () => {
    setNotice(null);
    await props.signUp.prepareEmailAddressVerification();
    setCode('');
    setNotice(l.signUp.codeSent);
    startWait(cooldown);
  });

  return (
    <Card
      appearance={props.appearance}
      className="gh-sign-up gh-sign-up-verify"
      labelledBy={titleId}
      title={l.signUp.verifyTitle}
      subtitle={fmt(l.signUp.verifySubtitle, { emailAddress: props.signUp.emailAddress ?? '' })}
    >
      <CodeForm labelledBy={titleId} form={form} code={code} onCodeChange={setCode} verify={verify} />
      <Status message={notice} />
      <ResendButton wait={wait} loading={resend.loading} onResend={() => void resend.onSubmit()} labels={l.signUp} />
      <button type="button" className="gh-link" onClick={props.onBack}>
        {l.signUp.changeEmail}
      </button>
    </Card>
  );
}
