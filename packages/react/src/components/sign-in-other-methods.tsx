/**
 * "Use another method" of `<SignIn>`: the first factors the sign-in offers besides the one in
 * use, one button each (password, email code, email link, texted code, passkey), as Clerk's
 * alternative-methods screen. Choosing one is the parent's job (`onChoose`: send the code or
 * link, open the step); its errors show here. Strategies this form cannot run are left out.
 */
import type { SignIn, SignInFactor } from '@gatehouse/js';
import { useId, useRef } from 'react';
import { useLocalization } from '../context.ts';
import type { Appearance } from '../ui/appearance.ts';
import { Alert, Card } from '../ui/card.tsx';
import { useFormErrors } from '../ui/form-errors.ts';
import { fmt, type Localization } from '../ui/localization/en-us.ts';
import { useSubmit } from '../ui/use-submit.ts';

/** The first factors this form can switch to, in the server's order of `supportedFirstFactors`. */
export type OtherMethod = 'password' | 'email_code' | 'email_link' | 'phone_code' | 'passkey';

const LABELS: Record<OtherMethod, (l: Localization, f: SignInFactor) => string> = {
  password: (l) => l.signIn.methodPassword,
  email_code: (l, f) => fmt(l.signIn.methodEmailCode, { identifier: f.safeIdentifier ?? '' }),
  email_link: (l, f) => fmt(l.signIn.methodEmailLink, { identifier: f.safeIdentifier ?? '' }),
  phone_code: (l, f) => fmt(l.signIn.methodPhoneCode, { identifier: f.safeIdentifier ?? '' }),
  passkey: (l) => l.signIn.methodPasskey,
};

const isOtherMethod = (strategy: string): strategy is OtherMethod => strategy in LABELS;

/** The offered factors other than `current`, one per strategy. */
export const otherMethods = (si: SignIn, current: string): (SignInFactor & { strategy: OtherMethod })[] =>
  si.supportedFirstFactors.filter(
    (f, i, all): f is SignInFactor & { strategy: OtherMethod } =>
      f.strategy !== current && isOtherMethod(f.strategy) && all.findIndex((g) => g.strategy === f.strategy) === i,
  );

export function SignInOtherMethods(props: {
  signIn: SignIn;
  /** The strategy of the step the user came from, not listed. */
  current: string;
  appearance: Appearance | undefined;
  onChoose: (strategy: OtherMethod) => Promise<void>;
  onBack: () => void;
}) {
  const l = useLocalization();
  const titleId = useId();
  const form = useFormErrors([]);
  // One submit for the whole list: a second click while a code is being sent is ignored.
  const chosen = useRef<OtherMethod>('password');
  const choose = useSubmit(form, () => props.onChoose(chosen.current));
  return (
    <Card
      appearance={props.appearance}
      className="gh-sign-in gh-sign-in-methods"
      labelledBy={titleId}
      title={l.signIn.otherMethodsTitle}
      subtitle={l.signIn.otherMethodsSubtitle}
    >
      <Alert message={form.errors.general} />
      <div className="gh-form">
        {otherMethods(props.signIn, props.current).map((f) => (
          <button
            key={f.strategy}
            type="button"
            className="gh-button gh-button-secondary"
            disabled={choose.loading}
            onClick={() => {
              chosen.current = f.strategy;
              void choose.onSubmit();
            }}
          >
            {LABELS[f.strategy](l, f)}
          </button>
        ))}
      </div>
      <button type="button" className="gh-link" onClick={props.onBack}>
        {l.common.back}
      </button>
    </Card>
  );
}
