/**
 * The second-factor step of the reverification dialog (`needs_second_factor`): a code from the
 * authenticator app (`totp`), a text message (`phone_code`, sent when chosen, with resend and
 * countdown) or a backup code, as the account has them, with a switch between them. The same
 * choices and wording as the sign-in's MFA step, inside the dialog instead of a card.
 */
import type { Session, SessionVerification, SessionVerificationFactor } from '@gatehouse/js';
import { useLocalization } from '../../context.ts';
import { Alert, Status, SubmitButton } from '../../ui/card.tsx';
import { Field } from '../../ui/field.tsx';
import { CodeForm } from '../code-form.tsx';
import { ResendButton } from '../resend-button.tsx';
import { useSecondFactorStep } from '../use-second-factor-step.ts';

export function ReverificationSecondFactor(props: {
  session: Session;
  verification: SessionVerification;
  /** The id of the dialog's title and of the paragraph that describes the step. */
  titleId: string;
  descriptionId: string;
  onVerified: (v: SessionVerification) => void;
}) {
  const l = useLocalization();
  const { factors, factor, prepared, code, setCode, notice, wait, form, send, verify, choose, subtitle, label } =
    useSecondFactorStep<SessionVerificationFactor>({
      factors: props.verification.supportedSecondFactors,
      prepare: async (f) => {
        await props.session.prepareSecondFactorVerification({
          strategy: 'phone_code',
          ...(f.phoneNumberId && { phoneNumberId: f.phoneNumberId }),
        });
      },
      attempt: async (strategy, code) =>
        props.onVerified(await props.session.attemptSecondFactorVerification({ strategy, code })),
    });
  const strategy = factor?.strategy;
  const description = factor ? subtitle(factor) : l.reverification.unavailable;

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
