/**
 * The sign-in's code step, for three kinds of code sent when the step opened:
 * - `client_trust` (default): the email code of `needs_client_trust` (a right password on a
 *   device the user never signed in on), a second-factor attempt;
 * - `phone_code`: the texted code of the `phone_code` first factor (signing in with a number);
 * - `email_code`: the emailed code of the `email_code` first factor (passwordless sign-in).
 * The field (`autocomplete="one-time-code"`), resend with a countdown, a way to the other
 * first factors (`onOtherMethod`, first-factor kinds only) and a way back, as in the sign-up's code step.
 */
import type { SignIn, SignInFactor } from '@gatehouse/js';
import { useId, useRef, useState } from 'react';
import { useLocalization } from '../context.ts';
import type { Appearance } from '../ui/appearance.ts';
import { Card, Status } from '../ui/card.tsx';
import { useFormErrors } from '../ui/form-errors.ts';
import type { Localization } from '../ui/localization/en-us.ts';
import { fmt } from '../ui/localization/en-us.ts';
import { useSubmit } from '../ui/use-submit.ts';
import { CodeForm } from './code-form.tsx';
import { ResendButton } from './resend-button.tsx';
import { useCountdown } from './use-countdown.ts';

const RESEND_COOLDOWN_SECONDS = 30;

export type SignInCodeKind = 'client_trust' | 'phone_code' | 'email_code';
/** The kinds that are a first factor, sent by `sendSignInCode` from `supportedFirstFactors`. */
export type FirstFactorCodeKind = Exclude<SignInCodeKind, 'client_trust'>;

/** The ids of the factor's address or number, where the server lists one. */
const target = (f: SignInFactor | undefined) => ({
  ...(f?.emailAddressId && { emailAddressId: f.emailAddressId }),
  ...(f?.phoneNumberId && { phoneNumberId: f.phoneNumberId }),
});

/** How each kind of code is sent (again), checked and introduced. */
const STEPS = {
  client_trust: {
    factors: (si: SignIn) => si.supportedSecondFactors,
    strategy: 'email_code',
    prepare: (si: SignIn, _f?: SignInFactor) => si.prepareSecondFactor({ strategy: 'email_code' }),
    attempt: (si: SignIn, code: string) => si.attemptSecondFactor({ strategy: 'email_code', code }),
    title: (l: Localization) => l.signIn.clientTrustTitle,
    subtitle: (l: Localization, to: string) => fmt(l.signIn.clientTrustSubtitle, { emailAddress: to }),
  },
  phone_code: {
    factors: (si: SignIn) => si.supportedFirstFactors,
    strategy: 'phone_code',
    prepare: (si: SignIn, f?: SignInFactor) => si.prepareFirstFactor({ strategy: 'phone_code', ...target(f) }),
    attempt: (si: SignIn, code: string) => si.attemptFirstFactor({ strategy: 'phone_code', code }),
    title: (l: Localization) => l.signIn.phoneCodeTitle,
    subtitle: (l: Localization, to: string) => fmt(l.signIn.phoneCodeSubtitle, { phoneNumber: to }),
  },
  email_code: {
    factors: (si: SignIn) => si.supportedFirstFactors,
    strategy: 'email_code',
    prepare: (si: SignIn, f?: SignInFactor) => si.prepareFirstFactor({ strategy: 'email_code', ...target(f) }),
    attempt: (si: SignIn, code: string) => si.attemptFirstFactor({ strategy: 'email_code', code }),
    title: (l: Localization) => l.signIn.emailCodeTitle,
    subtitle: (l: Localization, to: string) => fmt(l.signIn.emailCodeSubtitle, { emailAddress: to }),
  },
} as const;

const factorOf = (si: SignIn, kind: SignInCodeKind) =>
  STEPS[kind].factors(si).find((f) => f.strategy === STEPS[kind].strategy);

/** Sends the code of a first-factor kind to the address or number the sign-in offers; the prepared sign-in. */
export const sendSignInCode = (si: SignIn, kind: FirstFactorCodeKind): Promise<SignIn> =>
  STEPS[kind].prepare(si, factorOf(si, kind));

export function SignInCodeStep(props: {
  signIn: SignIn;
  kind?: SignInCodeKind;
  appearance: Appearance | undefined;
  onComplete: (signIn: SignIn) => Promise<void>;
  /** "Use another method": shown when given (a first factor with others offered). */
  onOtherMethod?: () => void;
  onBack: () => void;
}) {
  const l = useLocalization();
  const titleId = useId();
  const kind = props.kind ?? 'client_trust';
  const step = STEPS[kind];
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
  const factor = factorOf(props.signIn, kind);

  const verify = useSubmit(form, async () => {
    await props.onComplete(await step.attempt(props.signIn, codeRef.current));
  });
  const resend = useSubmit(form, async () => {
    setNotice(null);
    await step.prepare(props.signIn, factor);
    setCode('');
    setNotice(l.signUp.codeSent);
    startWait(RESEND_COOLDOWN_SECONDS);
  });

  const to = factor?.safeIdentifier ?? '';
  return (
    <Card
      appearance={props.appearance}
      className="gh-sign-in gh-sign-in-verify"
      labelledBy={titleId}
      title={step.title(l)}
      subtitle={step.subtitle(l, to)}
    >
      <CodeForm labelledBy={titleId} form={form} code={code} onCodeChange={setCode} verify={verify} />
      <Status message={notice} />
      <ResendButton wait={wait} loading={resend.loading} onResend={() => void resend.onSubmit()} labels={l.signUp} />
      {props.onOtherMethod && (
        <button type="button" className="gh-link" onClick={props.onOtherMethod}>
          {l.signIn.useAnotherMethod}
        </button>
      )}
      <button type="button" className="gh-link" onClick={props.onBack}>
        {l.signIn.changeIdentifier}
      </button>
    </Card>
  );
}
