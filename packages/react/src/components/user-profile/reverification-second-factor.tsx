/**
 * The second-factor step of the reverification dialog (`needs_second_factor`): a code from the
 * authenticator app (`totp`), a text message (`phone_code`, sent when chosen, with resend and
 * countdown) or a backup code, as the account has them, with a switch between them. The same
 * choices and wording as the sign-in's MFA step, inside the dialog instead of a card.
 */
import type { Session, SessionVerification, SessionVerificationFactor } from '@gatehouse/js';
import { useRef, useState } from 'react';
import { useLocalization } from '../../context.ts';
import { Alert, Status, SubmitButton } from '../../ui/card.tsx';
import { Field } from '../../ui/field.tsx';
import { useFormErrors } from '../../ui/form-errors.ts';
import { fmt } from '../../ui/localization/en-us.ts';
import { useSubmit } from '../../ui/use-submit.ts';
import { CodeForm } from '../code-form.tsx';
import { ResendButton } from '../resend-button.tsx';
import { useCountdown } from '../use-countdown.ts';

const RESEND_COOLDOWN_SECONDS = 30;
const ORDER = ['totp', 'phone_code', 'backup_code'];

export function ReverificationSecondFactor(props: {
  session: Session;
  verification: SessionVerification;
  /** The id of the dialog's title and of the paragraph that describes the step. */
  titleId: string;
  descriptionId: string;
  onVerified: (v: SessionVerification) => void;
}) {
  const l = useLocalization();
  const factors = props.verification.supportedSecondFactors
    .filter((f) => ORDER.includes(f.strategy))
    .sort((a, b) => ORDER.indexOf(a.strategy) - ORDER.indexOf(b.strategy));
  const [factor, setFactor] = useState<SessionVerificationFactor | null>(factors[0] ?? null);
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
    await props.session.prepareSecondFactorVerification({
      strategy: 'phone_code',
      ...(factor.phoneNumberId && { phoneNumberId: factor.phoneNumberId }),
    });
    setPrepared(true);
    setNotice(fmt(l.mfa.smsSent, { phoneNumber: factor.safeIdentifier ?? '' }));
    startWait(RESEND_COOLDOWN_SECONDS);
  });
  const verify = useSubmit(form, async () => {
    if (!factor) return;
    props.onVerified(
      await props.session.attemptSecondFactorVerification({ strategy: factor.strategy, code: codeRef.current.trim() }),
    );
  });
  const choose = (f: SessionVerificationFactor) => {
    setFactor(f);
    setPrepared(false);
    setCode('');
    setNotice(null);
    form.clear();
  };

  const strategy = factor?.strategy;
  const description = !factor
    ? l.reverification.unavailable
    : strategy === 'totp'
      ? l.mfa.totpSubtitle
      : strategy === 'backup_code'
        ? l.mfa.backupCodeSubtitle
        : fmt(l.mfa.smsSubtitle, { phoneNumber: factor.safeIdentifier ?? '' });
  const label = (f: SessionVerificationFactor) =>
    f.strategy === 'totp'
      ? l.mfa.useTotp
      : f.strategy === 'backup_code'
        ? l.mfa.useBackupCode
        : fmt(l.mfa.useSms, { phoneNumber: f.safeIdentifier ?? '' });

  return (
    <>
      <p id={props.descriptionId} className="gh-subtitle">
        {description}
      </p>
      {strategy === 'phone_code' && !prepared && (
        <form className="gh-form" noValidate onSubmit={send.onSubmit} aria-labelledby={props.titleId}>
          <Alert message={form.errors.general} />
          <SubmitButton loading={send.loading}>{l.mfa.sendSms}</SubmitButton>
        </form>
      )}
      {(strategy === 'totp' || (strategy === 'phone_code' && prepared)) && (
        <CodeForm labelledBy={props.titleId} form={form} code={code} onCodeChange={setCode} verify={verify} />
      )}
      {strategy === 'backup_code' && (
        <form className="gh-form" noValidate onSubmit={verify.onSubmit} aria-labelledby={props.titleId}>
          <Alert message={form.errors.general} />
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
          />
          <SubmitButton loading={verify.loading}>{l.common.verify}</SubmitButton>
        </form>
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
    </>
  );
}
