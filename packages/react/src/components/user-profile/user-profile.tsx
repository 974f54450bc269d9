/**
 * `<UserProfile>`: the signed-in user's account page: profile fields (as the environment
 * enables them), email addresses, phone numbers, connected social accounts and two-step
 * verification (as the environment enables them), password, active devices, and account deletion (when the instance allows
 * it). Renders nothing when signed out.
 */
import { useId } from 'react';
import { useLocalization } from '../../context.ts';
import { useGatehouseState } from '../../hooks/use-gatehouse-state.ts';
import type { Appearance } from '../../ui/appearance.ts';
import { Card } from '../../ui/card.tsx';
import { ConnectedAccountsSection } from './connected-accounts-section.tsx';
import { DeleteSection } from './delete-section.tsx';
import { EmailSection } from './email-section.tsx';
import { MfaSection, smsSecondFactorAllowed } from './mfa-section.tsx';
import { PasskeysSection } from './passkeys-section.tsx';
import { PasswordSection } from './password-section.tsx';
import { PhoneSection } from './phone-section.tsx';
import { ProfileSection } from './profile-section.tsx';
import { ReverificationBoundary } from './reverification.tsx';
import { SessionsSection } from './sessions-section.tsx';

export interface UserProfileProps {
  appearance?: Appearance;
  /** Called after the user deleted their account (they are signed out by then). */
  afterDelete?: () => void;
}

export function UserProfile(props: UserProfileProps) {
  const l = useLocalization();
  const titleId = useId();
  const { loaded, environment, user, session } = useGatehouseState();
  if (!loaded || !environment || !user) return null;
  return (
    <Card
      appearance={props.appearance}
      className="gh-profile"
      labelledBy={titleId}
      title={l.userProfile.title}
      subtitle={l.userProfile.subtitle}
    >
      {/* Keyed by user so the forms start from the user's own values after a switch. */}
      <ReverificationBoundary>
        <ProfileSection key={`profile-${user.id}`} user={user} environment={environment} />
        <EmailSection user={user} />
        {(environment.isEnabled('phone_number') || user.phoneNumbers.length > 0) && <PhoneSection user={user} />}
        {(environment.socialProviders.length > 0 || user.externalAccounts.length > 0) && (
          <ConnectedAccountsSection user={user} environment={environment} />
        )}
        <PasswordSection user={user} />
        {environment.isEnabled('passkey') && <PasskeysSection user={user} />}
        {(environment.isEnabled('authenticator_app') ||
          smsSecondFactorAllowed(environment) ||
          user.twoFactorEnabled) && (
          <MfaSection user={user} applicationName={environment.displayConfig.applicationName} />
        )}
        <SessionsSection user={user} currentSessionId={session?.id ?? null} />
        {user.deleteSelfEnabled && environment.userSettings.actions.deleteSelf && (
          <DeleteSection user={user} onDeleted={props.afterDelete} />
        )}
      </ReverificationBoundary>
    </Card>
  );
}
