/**
 * "Two-step verification": set up an authenticator app (QR code of the otpauth:// URI, drawn
 * with `qrcode`, and the URI itself for apps on this device), confirm it with a code, then show
 * the ten backup codes once; regenerate the backup codes; remove the app; and SMS codes to a
 * verified number (`sms-second-factor.tsx`). Each factor shows when the environment allows it.
 * Sensitive changes go through the reverification dialog.
 */
import type { Environment, TOTP, User } from '@gatehouse/js';
import { toString as qrCodeSvg } from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { useLocalization } from '../../context.ts';
import { useGatehouseState } from '../../hooks/use-gatehouse-state.ts';
import { Alert, SubmitButton } from '../../ui/card.tsx';
import { useFormErrors } from '../../ui/form-errors.ts';
import { useSubmit } from '../../ui/use-submit.ts';
import { CodeInput } from '../code-input.tsx';
import { BackupCodes } from './backup-codes.tsx';
import { useReverification } from './reverification.tsx';
import { Section } from './section.tsx';
import { SmsSecondFactor, secondFactorNumbers } from './sms-second-factor.tsx';

/** Whether the instance lets users enrol SMS codes as a second factor (the environment's `phone_number` attribute). */
export const smsSecondFactorAllowed = (environment: Environment | null): boolean =>
  environment?.isEnabled('phone_number') === true &&
  (environment.userSettings.attributes.phone_number?.secondFactors.includes('phone_code') ?? false);

function QrCode({ uri, label }: { uri: string; label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    qrCodeSvg(uri, { type: 'svg', margin: 1 }).then((s) => live && setSvg(s));
    return () => {
      live = false;
    };
  }, [uri]);
  if (!svg) return null;
  return (
    <img
      className="gh-qr-code"
      width={200}
      height={200}
      alt={label}
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
    />
  );
}

export function MfaSection({ user, applicationName }: { user: User; applicationName: string }) {
  const l = useLocalization();
  const { environment } = useGatehouseState();
  // A factor the user has stays listed (to be removed) even if the instance no longer offers it.
  const totpShown = user.totpEnabled || environment?.isEnabled('authenticator_app') === true;
  const smsAllowed = smsSecondFactorAllowed(environment);
  const smsShown = secondFactorNumbers(user).length > 0 || smsAllowed;
  const [enrolling, setEnrolling] = useState<TOTP | null>(null);
  const [backupCodes, setBackupCodes] = useState<string[] | null>(null);
  const [code, setCodeState] = useState('');
  // Read by the submit, which may run in the same event that changed the code (auto-submit).
  const codeRef = useRef('');
  const setCode = (c: string) => {
    codeRef.current = c;
    setCodeState(c);
  };
  const form = useFormErrors(['code']);
  const listForm = useFormErrors([]);
  const reverify = useReverification();

  const start = useSubmit(listForm, async () => {
    setBackupCodes(null);
    setCode('');
    setEnrolling(await reverify(() => user.createTOTP()));
  });
  const confirm = useSubmit(form, async () => {
    const verified = await user.verifyTOTP({ code: codeRef.current });
    setEnrolling(null);
    setBackupCodes(verified.backupCodes);
  });
  const regenerate = useSubmit(listForm, async () => {
    setBackupCodes((await reverify(() => user.createBackupCode())).codes);
  });
  const remove = useSubmit(listForm, async () => {
    await reverify(() => user.disableTOTP());
    setBackupCodes(null);
  });

  return (
    <Section title={l.mfa.section} className="gh-mfa-section">
      <Alert message={listForm.errors.general} />
      {!totpShown ? null : user.totpEnabled ? (
        <ul className="gh-list">
          <li className="gh-list-item">
            <span>{l.mfa.authenticatorApp}</span>
            <span className="gh-badge gh-badge-success">{l.mfa.enabled}</span>
            <button type="button" className="gh-link" onClick={() => void remove.onSubmit()}>
              {l.common.remove}
            </button>
          </li>
          <li className="gh-list-item">
            <span>{l.mfa.backupCodesTitle}</span>
            <button type="button" className="gh-link" onClick={() => void regenerate.onSubmit()}>
              {l.mfa.regenerateCodes}
            </button>
          </li>
        </ul>
      ) : enrolling?.uri ? (
        <form className="gh-form" noValidate onSubmit={confirm.onSubmit}>
          <p>{l.mfa.scanHint}</p>
          <QrCode uri={enrolling.uri} label={l.mfa.qrCodeAlt} />
          <details>
            <summary>{l.mfa.cannotScan}</summary>
            <p>
              <a className="gh-link" href={enrolling.uri}>
                {l.mfa.openInApp}
              </a>
            </p>
            <code className="gh-totp-secret">{enrolling.secret}</code>
          </details>
          <Alert message={form.errors.general} />
          <CodeInput
            value={code}
            onChange={setCode}
            onComplete={() => void confirm.onSubmit()}
            error={form.errors.fields.code}
            inputRef={form.inputRef('code')}
            disabled={confirm.loading}
          />
          <SubmitButton loading={confirm.loading}>{l.common.verify}</SubmitButton>
        </form>
      ) : (
        <button type="button" className="gh-button" onClick={() => void start.onSubmit()}>
          {l.mfa.addAuthenticator}
        </button>
      )}
      {smsShown && <SmsSecondFactor user={user} canAdd={smsAllowed} />}
      {backupCodes && <BackupCodes codes={backupCodes} applicationName={applicationName} />}
    </Section>
  );
}
