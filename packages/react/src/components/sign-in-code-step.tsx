/**
 * The sign-in's email code step, for Client Trust (`needs_client_trust`: a right password on
 * a device the user never signed in on). The code was sent when the step opened; the field,
 * resend with a countdown, and a way back, as in the sign-up's code step.
 */
import type { SignIn } from '@gatehouse/js';
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

const RESEND_COOLDOWN_SECONDS = 30;

export function SignInCodeStep(props: {
  signIn: SignIn;
  appearance: Appearance | undefined;
  onComplete: (signIn: SignIn) => Promise<void>;
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
  const [wait, startWait] = useCountdown(RESEND_COOLDOWN_SECONDS);
  const form = useFormErrors(['code']);
  const factor = props.signIn.supportedSecondFactors.find((f) => f.strategy === 'email_code');

  const verify = useSubmit(form, async () => {
    await props.onComplete(await props.signIn.attemptSecondFactor({ strategy: 'email_code', code: codeRef.current }));
  });
  const resend = useSubmit(form, async () => {
    setNotice(null);
    await props.signIn.prepareSecondFactor({ strategy: 'email_code' });
    setCode('');
    setNotice(l.signUp.codeSent);
    startWait(RESEND_COOLDOWN_SECONDS);
  });

  return (
    <Card
      appearance={props.appearance}
      className="gh-sign-in gh-sign-in-verify"
      labelledBy={titleId}
      title={l.signIn.clientTrustTitle}
      subtitle={fmt(l.signIn.clientTrustSubtitle, { emailAddress: factor?.safeIdentifier ?? '' })}
    >
      <CodeForm labelledBy={titleId} form={form} code={code} onCodeChange={setCode} verify={verify} />
      <Status message={notice} />
      <ResendButton wait={wait} loading={resend.loading} onResend={() => void resend.onSubmit()} labels={l.signUp} />
      <button type="button" className="gh-link" onClick={props.onBack}>
        {l.signIn.changeIdentifier}
      </button>
    </Card>
  );
}
