/**
 * The sign-in's MFA step (`needs_second_factor`): a code from the authenticator app (`totp`),
 * a text message (`phone_code`, sent when chosen, with resend and countdown) or a backup code,
 * as the account has them; the user can switch between them. Codes use the one-time-code
 * field (paste and autofill); a backup code is a plain text field.
 */
import type { SignIn, SignInFactor } from '@gatehouse/js';
import { useId } from 'react';
import { useLocalization } from '../context.ts';
import type { Appearance } from '../ui/appearance.ts';
import { Alert, Card, Status, SubmitButton } from '../ui/card.tsx';
import { Field } from '../ui/field.tsx';
import { CodeInput } from './code-input.tsx';
import { ResendButton } from './resend-button.tsx';
import { useSecondFactorStep } from './use-second-factor-step.ts';

export function SignInSecondFactorStep(props: {
  signIn: SignIn;
  appearance: Appearance | undefined;
  onComplete: (signIn: SignIn) => Promise<void>;
  onBack: () => void;
}) {
  const l = useLocalization();
  const titleId = useId();
  const { factors, factor, prepared, code, setCode, notice, wait, form, send, verify, choose, subtitle, label } =
    useSecondFactorStep<SignInFactor>({
      factors: props.signIn.supportedSecondFactors,
      prepare: async (f) => {
        await props.signIn.prepareSecondFactor({
          strategy: 'phone_code',
          ...(f.phoneNumberId && { phoneNumberId: f.phoneNumberId }),
        });
      },
      attempt: async (strategy, code) => props.onComplete(await props.signIn.attemptSecondFactor({ strategy, code })),
    });
  const strategy = factor?.strategy;

  return (
    <Card
      appearance={props.appearance}
      className="gh-sign-in gh-sign-in-mfa"
      labelledBy={titleId}
      title={l.mfa.signInTitle}
      subtitle={factor ? subtitle(factor) : l.signIn.unsupportedStep}
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
