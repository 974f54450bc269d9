/**
 * The sign-in's MFA step (`needs_second_factor`): a code from the authenticator app (`totp`),
 * a text message (`phone_code`, sent when chosen, with resend and countdown) or a backup code,
 * as the account has them; the user can switch between them. Codes use the one-time-code
 * field (paste and autofill); a backup code is a plain text field.
 */
import type { SignIn, SignInFactor } from '@gatehouse/js';
import { useId, useRef, useState } from 'react';
import { useLocalization } from '../context.ts';
import type { Appearance } from '../ui/appearance.ts';
import { Alert, Card, Status, SubmitButton } from '../ui/card.tsx';
import { Field } from '../ui/field.tsx';
import { useFormErrors } from '../ui/form-errors.ts';
import { fmt } from '../ui/localization/en-us.ts';
import { useSubmit } from '../ui/use-submit.ts';
import { CodeInput } from './code-input.tsx';
import { ResendButton } from './resend-button.tsx';
import { useCountdown } from './use-countdown.ts';

const RESEND_COOLDOWN_SECONDS = 30;
const ORDER = ['totp', 'phone_code', 'backup_code'];

export function SignInSecondFactorStep(props: {
  signIn: SignIn;
  appearance: Appearance | undefined;
  onComplete: (signIn: SignIn) => Promise<void>;
  onBack: () => void;
}) {
  const l = useLocalization();
  const titleId = useId();
  const factors = props.signIn.supportedSecondFactors
    .filter((f) => ORDER.includes(f.strategy))
    .sort((a, b) => ORDER.indexOf(a.strategy) - ORDER.indexOf(b.strategy));
  const [factor, setFactor] = useState<SignInFactor | null>(factors[0] ?? null);
  const [prepared, setPrepared] = useState(false);
  const [code, setCodeState] = useState('');
  const codeRef = useRef('');
  const setCode = (c: string) => {
    codeRef.current = c;
    setCodeState(c);
  };
  const [notice, setNotice] = useState<string | null>(null);
  const [wait, startWait] = useCountdown(RESEND_COOLDOWN_SECONDS);
  const form = useFormErrors(['code']);

  const send = useSubmit(form, async () => {
    if (factor?.strategy !== 'phone_code') return;
    setNotice(null);
    await props.signIn.prepareSecondFactor({
      strategy: 'phone_code',
      ...(factor.phoneNumberId && { phoneNumberId: factor.phoneNumberId }),
    });
    setPrepared(true);
    setNotice(fmt(l.mfa.smsSent, { phoneNumber: factor.safeIdentifier ?? '' }));
    startWait(RESEND_COOLDOWN_SECONDS);
  });
  const verify = useSubmit(form, async () => {
    if (!factor) return;
    await props.onComplete(
      await props.signIn.attemptSecondFactor({ strategy: factor.strategy, code: codeRef.current.trim() }),
    );
  });
  const choose = (f: SignInFactor) => {
    setFactor(f);
    setPrepared(false);
    setCode('');
    setNotice(null);
    form.clear();
  };

  const strategy = factor?.strategy;
  const subtitle =
    strategy === 'totp'
      ? l.mfa.totpSubtitle
      : strategy === 'backup_code'
        ? l.mfa.backupCodeSubtitle
        : fmt(l.mfa.smsSubtitle, { phoneNumber: factor?.safeIdentifier ?? '' });
  const label = (f: SignInFactor) =>
    f.strategy === 'totp'
      ? l.mfa.useTotp
      : f.strategy === 'backup_code'
        ? l.mfa.useBackupCode
        : fmt(l.mfa.useSms, { phoneNumber: f.safeIdentifier ?? '' });

  return (
    <Card
      appearance={props.appearance}
      className="gh-sign-in gh-sign-in-mfa"
      labelledBy={titleId}
      title={l.mfa.signInTitle}
      subtitle={factor ? subtitle : l.signIn.unsupportedStep}
    >
      {factor && strategy === 'phone_code' && !prepared ? (
        <form className="gh-form" noValidate onSubmit={send.onSubmit} aria-labelledby={titleId}>
          <Alert message={form.errors.general} />
          <SubmitButton loading={send.loading}>{l.mfa.sendSms}</SubmitButton>
        </form>
      ) : (
        factor && (
          <form className="gh-form" noValidate onSubmit={verify.onSubmit} aria-labelledby={titleId}>
            <Alert message={form.errors.general} />
            {strategy === 'backup_code' ? (
              <Field
                name="code"
                label={l.mfa.backupCodeLabel}
                value={code}
                onChange={setCode}
                error={form.errors.fields.code}
                inputRef={form.inputRef('code')}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                autoFocus
              />
            ) : (
              <CodeInput
                value={code}
                onChange={setCode}
                onComplete={() => void verify.onSubmit()}
                error={form.errors.fields.code}
                inputRef={form.inputRef('code')}
                disabled={verify.loading}
              />
            )}
            <SubmitButton loading={verify.loading}>{l.common.verify}</SubmitButton>
          </form>
        )
      )}
      <Status message={notice} />
      {strategy === 'phone_code' && prepared && (
        <ResendButton wait={wait} loading={send.loading} onResend={() => void send.onSubmit()} labels={l.signUp} />
      )}
      {factors
        .filter((f) => f !== factor)
        .map((f) => (
          <button
            key={`${f.strategy}-${f.phoneNumberId ?? ''}`}
            type="button"
            className="gh-link"
            onClick={() => choose(f)}
          >
            {label(f)}
          </button>
        ))}
      <button type="button" className="gh-link" onClick={props.onBack}>
        {l.signIn.changeIdentifier}
      </button>
    </Card>
  );
}
