/**
 * SMS codes as a second factor, in the two-step verification section: each number reserved
 * for it (`reserved_for_second_factor`) with "Default" or "Make default" and "Remove" (which
 * only un-reserves it; the number stays on the account); "Receive codes by text message"
 * opens a chooser of the verified numbers, where a number can also be added and verified
 * first (the shared `IdentifierList`). Every change goes through the reverification dialog.
 */
import type { PhoneNumber, User } from '@gatehouse/js';
import { useState } from 'react';
import { useLocalization } from '../../context.ts';
import { Alert } from '../../ui/card.tsx';
import { useFormErrors } from '../../ui/form-errors.ts';
import { formatPhoneNumber } from '../../ui/format-phone-number.ts';
import { fmt } from '../../ui/localization/en-us.ts';
import { IdentifierList } from './identifier-list.tsx';
import { phoneListProps } from './phone-section.tsx';
import { useReverification } from './reverification.tsx';

/** The numbers the server texts second-factor codes to: verified and reserved. */
export const secondFactorNumbers = (user: User): PhoneNumber[] =>
  user.phoneNumbers.filter((p) => p.isVerified && p.reservedForSecondFactor);

/** `canAdd`: whether the instance still offers SMS codes (a number already reserved stays listed, to be removed). */
export function SmsSecondFactor({ user, canAdd }: { user: User; canAdd: boolean }) {
  const l = useLocalization();
  const [choosing, setChoosing] = useState(false);
  const form = useFormErrors([]);
  const reverify = useReverification();
  const reserved = secondFactorNumbers(user);
  const run = (fn: () => Promise<unknown>) => {
    form.clear();
    fn().catch(form.fail);
  };

  const reserve = (phone: PhoneNumber) =>
    run(async () => {
      await reverify(async () => {
        const updated = await phone.setReservedForSecondFactor({ reserved: true });
        // The first number reserved is the one texted at sign-in.
        if (reserved.length === 0 && !updated.defaultSecondFactor) await updated.makeDefaultSecondFactor();
      });
      setChoosing(false);
    });
  const unreserve = (phone: PhoneNumber) =>
    run(() =>
      reverify(async () => {
        await phone.setReservedForSecondFactor({ reserved: false });
        // The default moves to another reserved number, if any, so one is always tried first.
        const next = reserved.find((p) => p.id !== phone.id);
        if (phone.defaultSecondFactor && next) await next.makeDefaultSecondFactor();
      }),
    );

  return (
    <>
      <Alert message={form.errors.general} />
      {reserved.length > 0 && (
        <ul className="gh-list">
          {reserved.map((p) => {
            const number = formatPhoneNumber(p.phoneNumber);
            return (
              <li key={p.id} className="gh-list-item gh-sms-second-factor">
                <span>{l.phoneNumbers.smsCode}</span>
                <span className="gh-muted">{fmt(l.phoneNumbers.smsCodeTo, { phoneNumber: number })}</span>
                <span>
                  <span className="gh-badge gh-badge-success">{l.mfa.enabled}</span>{' '}
                  {p.defaultSecondFactor && <span className="gh-badge">{l.phoneNumbers.defaultBadge}</span>}
                </span>
                {!p.defaultSecondFactor && (
                  <button
                    type="button"
                    className="gh-link"
                    onClick={() => run(() => reverify(() => p.makeDefaultSecondFactor()))}
                    aria-label={`${l.phoneNumbers.makeDefault} ${number}`}
                  >
                    {l.phoneNumbers.makeDefault}
                  </button>
                )}
                <button
                  type="button"
                  className="gh-link"
                  onClick={() => unreserve(p)}
                  aria-label={`${l.common.remove} ${l.phoneNumbers.smsCode} ${number}`}
                >
                  {l.common.remove}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {choosing ? (
        <div className="gh-sms-chooser">
          <p className="gh-hint">{l.phoneNumbers.chooseNumber}</p>
          <IdentifierList<PhoneNumber>
            {...phoneListProps(l, user)}
            items={user.phoneNumbers.filter((p) => !p.reservedForSecondFactor)}
            canRemove={() => false}
            actions={(p) =>
              p.isVerified && (
                <button type="button" className="gh-button gh-button-secondary" onClick={() => reserve(p)}>
                  {fmt(l.phoneNumbers.useNumber, { phoneNumber: formatPhoneNumber(p.phoneNumber) })}
                </button>
              )
            }
          />
          <button type="button" className="gh-link" onClick={() => setChoosing(false)}>
            {l.common.cancel}
          </button>
        </div>
      ) : (
        canAdd && (
          <button
            type="button"
            className={reserved.length > 0 ? 'gh-link gh-add-sms' : 'gh-button gh-button-secondary gh-add-sms'}
            onClick={() => setChoosing(true)}
          >
            {reserved.length > 0 ? l.phoneNumbers.addAnother : l.phoneNumbers.addSms}
          </button>
        )
      )}
    </>
  );
}
