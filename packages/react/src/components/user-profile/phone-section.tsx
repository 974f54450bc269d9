/**
 * The user's phone numbers (shown when the environment enables them): each spaced for
 * reading with its badges (primary, verified or not, used for two-step verification); add
 * one in international format, verify it with the texted code, remove one (the shared
 * `IdentifierList`). Two-step verification by SMS is turned on and off in its own section.
 */
import type { PhoneNumber, User } from '@gatehouse/js';
import { useLocalization } from '../../context.ts';
import { formatPhoneNumber } from '../../ui/format-phone-number.ts';
import { fmt, type Localization } from '../../ui/localization/en-us.ts';
import { IdentifierList, type IdentifierListProps } from './identifier-list.tsx';
import { Section } from './section.tsx';

/** Only the shape (a `+` and 7 to 15 digits, spaces and punctuation aside); the server knows each country's plan. */
export const looksInternational = (value: string): boolean => /^\+\d{7,15}$/.test(value.replace(/[\s().-]/g, ''));

/** What any list of the user's numbers shows and how it adds one (also used by the SMS second factor's chooser). */
export const phoneListProps = (l: Localization, user: User) =>
  ({
    display: (p) => formatPhoneNumber(p.phoneNumber),
    isPrimary: (p) => p.id === user.primaryPhoneNumberId,
    create: (phoneNumber) => user.createPhoneNumber({ phoneNumber }),
    validate: (value) => (looksInternational(value) ? null : l.phoneNumbers.formatInvalid),
    field: {
      name: 'phone_number',
      type: 'tel',
      autoComplete: 'tel',
      label: l.phoneNumbers.addLabel,
      hint: l.phoneNumbers.addHint,
    },
    verifyHint: (phoneNumber) => fmt(l.phoneNumbers.verifyHint, { phoneNumber }),
  }) satisfies Partial<IdentifierListProps<PhoneNumber>>;

export function PhoneSection({ user }: { user: User }) {
  const l = useLocalization();
  return (
    <Section title={l.phoneNumbers.section} className="gh-phone-section">
      <IdentifierList<PhoneNumber>
        {...phoneListProps(l, user)}
        items={user.phoneNumbers}
        canRemove={() => true}
        badges={(p) =>
          p.reservedForSecondFactor && (
            <>
              {' '}
              <span className="gh-badge">{l.phoneNumbers.secondFactorBadge}</span>
            </>
          )
        }
        empty={l.phoneNumbers.none}
      />
    </Section>
  );
}
