/**
 * One portal page: sign-in and sign-up bounce a visitor who arrives signed in straight to
 * where they were going; the account page sends a signed-out visitor (on arrival, or after
 * signing out) to sign-in, and back here afterwards. The confirmation page of a "This wasn't
 * me" link shows its outcome to anyone, and leads to sign-in or to the devices list.
 */
import { SignIn, SignUp, UnauthorizedSignIn, UserButton, UserProfile, useGatehouseState } from '@gatehouse/react';
import type { PortalConfig } from '@gatehouse/shared/wire';
import { useEffect, useRef } from 'react';
import { portalPath } from './read-config.ts';

/** Whether a session was active when the SDK first loaded (null until then); frozen afterwards. */
function useSignedInOnArrival(): boolean | null {
  const { loaded, session } = useGatehouseState();
  const arrival = useRef<boolean | null>(null);
  if (loaded && arrival.current === null) arrival.current = session !== null;
  return arrival.current;
}

/** Leaves for `url` (without a history entry) while `go` holds. */
function useLeaveFor(go: boolean, url: string): void {
  useEffect(() => {
    if (go) window.location.replace(url);
  }, [go, url]);
}

function SignInPage({ config }: { config: PortalConfig }) {
  const signedIn = useSignedInOnArrival() === true;
  useLeaveFor(signedIn, config.after_auth_url);
  if (signedIn) return null;
  return <SignIn redirectUrl={config.after_auth_url} signUpUrl={portalPath('/sign-up', config.redirect_url)} />;
}

function SignUpPage({ config }: { config: PortalConfig }) {
  const signedIn = useSignedInOnArrival() === true;
  useLeaveFor(signedIn, config.after_auth_url);
  if (signedIn) return null;
  return <SignUp redirectUrl={config.after_auth_url} signInUrl={portalPath('/sign-in', config.redirect_url)} />;
}

function UserPage() {
  const { loaded, session } = useGatehouseState();
  const signedOut = loaded && session === null;
  useLeaveFor(signedOut, portalPath('/sign-in', '/user'));
  if (signedOut) return null;
  return (
    <>
      <header className="portal-header">
        <UserButton userProfileUrl="/user" showName />
      </header>
      <UserProfile />
    </>
  );
}

function UnauthorizedSignInPage({ config }: { config: PortalConfig }) {
  return (
    <UnauthorizedSignIn
      status={config.unauthorized_sign_in?.status ?? 'invalid'}
      supportEmail={config.unauthorized_sign_in?.support_email ?? null}
      signInUrl={portalPath('/sign-in', '/user')}
      userProfileUrl="/user"
    />
  );
}

export function PortalApp({ config }: { config: PortalConfig }) {
  if (config.page === 'sign-in') return <SignInPage config={config} />;
  if (config.page === 'sign-up') return <SignUpPage config={config} />;
  if (config.page === 'unauthorized-sign-in') return <UnauthorizedSignInPage config={config} />;
  return <UserPage />;
}
