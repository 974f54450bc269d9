/**
 * The magic-link waiting screen of `<SignIn>`. The link was mailed by the user's click that
 * opened this step (`signIn` is the prepared sign-in); the screen polls it (`waitForEmailLink`)
 * and finishes by itself once the link is opened in this browser (another tab of it). Resend
 * (a user action, with a countdown) mails a new link and polls again; a way back to the
 * identifier. Sending only on clicks keeps a re-run effect from mailing twice.
 */
import { type SignIn, waitForEmailLink } from '@gatehouse/js';
import { useEffect, useId, useRef, useState } from 'react';
import { useLocalization } from '../context.ts';
import type { Appearance } from '../ui/appearance.ts';
import { Alert, Card, Status } from '../ui/card.tsx';
import { useFormErrors } from '../ui/form-errors.ts';
import { fmt } from '../ui/localization/en-us.ts';
import { useSubmit } from '../ui/use-submit.ts';
import { ResendButton } from './resend-button.tsx';
import { useCountdown } from './use-countdown.ts';

const RESEND_COOLDOWN_SECONDS = 30;

/** Mails the sign-in link of `signIn`, back to `redirectUrl`; the prepared sign-in. */
export const sendEmailLink = (signIn: SignIn, redirectUrl: string): Promise<SignIn> =>
  signIn.prepareFirstFactor({ strategy: 'email_link', redirectUrl });

export function SignInEmailLinkStep(props: {
  signIn: SignIn;
  redirectUrl: string;
  appearance: Appearance | undefined;
  onComplete: (signIn: SignIn) => Promise<void>;
  onBack: () => void;
}) {
  const l = useLocalization();
  const titleId = useId();
  const form = useFormErrors([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [wait, startWait] = useCountdown(RESEND_COOLDOWN_SECONDS);
  const [waitingOn, setWaitingOn] = useState(props.signIn);
  // The polling restarts only when a new link is sent: callbacks and strings are read through a ref.
  const latest = useRef({ onComplete: props.onComplete, form, l });
  latest.current = { onComplete: props.onComplete, form, l };
  const factor = waitingOn.supportedFirstFactors.find((f) => f.strategy === 'email_link');

  useEffect(() => {
    const polling = waitForEmailLink(waitingOn);
    let active = true;
    polling.promise
      .then(async (si) => {
        if (!active) return;
        const { form, l, onComplete } = latest.current;
        const v = si.firstFactorVerification;
        if (si.status === 'needs_first_factor' && v?.status === 'expired') return form.failWith(l.emailLink.expired);
        if (si.status === 'needs_first_factor' && v?.status === 'verified')
          return setNotice(l.emailLink.verifiedElsewhere);
        await onComplete(si);
      })
      .catch((err: unknown) => {
        if (active) latest.current.form.fail(err);
      });
    return () => {
      active = false;
      polling.cancel();
    };
  }, [waitingOn]);

  const resend = useSubmit(form, async () => {
    setNotice(null);
    setWaitingOn(await sendEmailLink(waitingOn, props.redirectUrl));
    startWait(RESEND_COOLDOWN_SECONDS);
  });

  return (
    <Card
      appearance={props.appearance}
      className="gh-sign-in gh-sign-in-email-link"
      labelledBy={titleId}
      title={l.emailLink.title}
      subtitle={fmt(l.emailLink.subtitle, { emailAddress: factor?.safeIdentifier ?? waitingOn.identifier ?? '' })}
    >
      <Alert message={form.errors.general} />
      <Status message={notice} />
      <ResendButton wait={wait} loading={resend.loading} onResend={() => void resend.onSubmit()} labels={l.emailLink} />
      <button type="button" className="gh-link" onClick={props.onBack}>
        {l.signIn.changeIdentifier}
      </button>
    </Card>
  );
}
