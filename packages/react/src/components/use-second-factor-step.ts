/**
 * The state of an MFA step, shared by the sign-in's step and the reverification dialog: the
 * account's factors in the order offered (TOTP, text message, backup code), the chosen one, a
 * text message sent on demand with its resend countdown, the code typed and its check, and the
 * wording of each choice. Only where the code goes (a sign-in or a session) differs.
 */
import { useRef, useState } from 'react';
import { useLocalization } from '../context.ts';
import { useFormErrors } from '../ui/form-errors.ts';
import { fmt } from '../ui/localization/en-us.ts';
import { useSubmit } from '../ui/use-submit.ts';
import { useCountdown } from './use-countdown.ts';

const RESEND_COOLDOWN_SECONDS = 30;
const ORDER = ['totp', 'phone_code', 'backup_code'];

export interface SecondFactorChoice {
  strategy: string;
  safeIdentifier?: string | null | undefined;
  phoneNumberId?: string | null | undefined;
}

export function useSecondFactorStep<F extends SecondFactorChoice>(opts: {
  factors: readonly F[];
  /** Sends the text message of a `phone_code` factor. */
  prepare: (factor: F) => Promise<void>;
  /** Checks the code with the chosen factor. */
  attempt: (strategy: string, code: string) => Promise<void>;
}) {
  const l = useLocalization();
  const factors = opts.factors
    .filter((f) => ORDER.includes(f.strategy))
    .sort((a, b) => ORDER.indexOf(a.strategy) - ORDER.indexOf(b.strategy));
  const [factor, setFactor] = useState<F | null>(factors[0] ?? null);
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
    await opts.prepare(factor);
    setPrepared(true);
    setNotice(fmt(l.mfa.smsSent, { phoneNumber: factor.safeIdentifier ?? '' }));
    startWait(RESEND_COOLDOWN_SECONDS);
  });
  const verify = useSubmit(form, async () => {
    if (!factor) return;
    await opts.attempt(factor.strategy, codeRef.current.trim());
  });
  const choose = (f: F) => {
    setFactor(f);
    setPrepared(false);
    setCode('');
    setNotice(null);
    form.clear();
  };
  const subtitle = (f: F) =>
    f.strategy === 'totp'
      ? l.mfa.totpSubtitle
      : f.strategy === 'backup_code'
        ? l.mfa.backupCodeSubtitle
        : fmt(l.mfa.smsSubtitle, { phoneNumber: f.safeIdentifier ?? '' });
  const label = (f: F) =>
    f.strategy === 'totp'
      ? l.mfa.useTotp
      : f.strategy === 'backup_code'
        ? l.mfa.useBackupCode
        : fmt(l.mfa.useSms, { phoneNumber: f.safeIdentifier ?? '' });

  return { factors, factor, prepared, code, setCode, notice, wait, form, send, verify, choose, subtitle, label };
}
