/**
 * The `setup-mfa` session task: on an instance that requires MFA, a user without a second
 * factor is signed in with a pending session (no session token yet) and sets up an
 * authenticator app here, with the profile's own section; once it is on (and the backup codes
 * were shown), Continue finishes the sign-in or sign-up. Signing out is the other way out.
 */
import { useId } from 'react';
import { useGatehouse, useLocalization } from '../context.ts';
import { useGatehouseState } from '../hooks/use-gatehouse-state.ts';
import type { Appearance } from '../ui/appearance.ts';
import { Card } from '../ui/card.tsx';
import { MfaSection } from './user-profile/mfa-section.tsx';

export function SetupMfaTask(props: {
  /** The pending session: not yet the SDK's `session` (which is active sessions only). */
  sessionId: string;
  appearance: Appearance | undefined;
  onDone: () => Promise<void>;
}) {
  const gatehouse = useGatehouse();
  const l = useLocalization();
  const titleId = useId();
  const { client, environment } = useGatehouseState();
  const user = client?.sessions.find((s) => s.id === props.sessionId)?.user ?? null;
  return (
    <Card
      appearance={props.appearance}
      className="gh-setup-mfa"
      labelledBy={titleId}
      title={l.mfa.setupTitle}
      subtitle={l.mfa.setupSubtitle}
    >
      {user && <MfaSection user={user} applicationName={environment?.displayConfig.applicationName ?? ''} />}
      {user?.twoFactorEnabled && (
        <button type="button" className="gh-button" onClick={() => void props.onDone()}>
          {l.common.continue}
        </button>
      )}
      <button type="button" className="gh-link" onClick={() => void gatehouse.signOut()}>
        {l.mfa.signOut}
      </button>
    </Card>
  );
}
