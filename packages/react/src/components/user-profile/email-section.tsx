/**
 * The user's email addresses with their status (primary, verified or not); add one, verify it
 * with the code mailed to it, remove one that is not primary (the shared `IdentifierList`).
 */
import type { User } from '@gatehouse/js';
import { useLocalization } from '../../context.ts';
import { fmt } from '../../ui/localization/en-us.ts';
import { IdentifierList } from './identifier-list.tsx';
import { Section } from './section.tsx';

export function EmailSection({ user }: { user: User }) {
  const l = useLocalization();
  const isPrimary = (e: { id: string }) => e.id === user.primaryEmailAddressId;
  return (
    <Section title={l.userProfile.emailSection} className="gh-email-section">
      <IdentifierList
        items={user.emailAddresses}
        display={(e) => e.emailAddress}
        isPrimary={isPrimary}
        canRemove={(e) => !isPrimary(e)}
        create={(email) => user.createEmailAddress({ email })}
        field={{ name: 'email_address', type: 'email', autoComplete: 'email', label: l.userProfile.addEmail }}
        verifyHint={(emailAddress) => fmt(l.userProfile.verifyEmailHint, { emailAddress })}
      />
    </Section>
  );
}
