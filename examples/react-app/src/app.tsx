/**
 * The example app: a header with the user button (or sign-in links), and four pages:
 * `/` (calls the API when signed in), `/sign-in`, `/sign-up` and `/user` (the account page).
 */
import {
  GatehouseProvider,
  SignedIn,
  SignedOut,
  SignIn,
  SignUp,
  UserButton,
  UserProfile,
  useUser,
} from '@gatehouse/react';
import { type MouseEvent, type ReactNode, useEffect } from 'react';
import { ApiPanel } from './api-panel.tsx';
import type { AppConfig } from './config.ts';
import { navigate, usePath } from './router.ts';

export function App({ config }: { config: AppConfig }) {
  return (
    <GatehouseProvider
      publishableKey={config.publishableKey}
      {...(config.frontendApiUrl && { frontendApiUrl: config.frontendApiUrl })}
      options={{ navigate }}
    >
      <header className="topbar">
        <Link to="/" className="brand">
          Gatehouse example
        </Link>
        <nav aria-label="Account">
          <SignedIn>
            <UserButton userProfileUrl="/user" onSignOut={() => navigate('/')} />
          </SignedIn>
          <SignedOut>
            <Link to="/sign-in">Sign in</Link>
            <Link to="/sign-up">Sign up</Link>
          </SignedOut>
        </nav>
      </header>
      <main className="page">
        <Page />
      </main>
    </GatehouseProvider>
  );
}

function Page() {
  const path = usePath();
  const home = () => navigate('/');
  switch (path) {
    case '/sign-in':
      return (
        <>
          <SignedOut>
            <SignIn signUpUrl="/sign-up" afterSignIn={home} />
          </SignedOut>
          <SignedIn>
            <Redirect to="/" />
          </SignedIn>
        </>
      );
    case '/sign-up':
      return (
        <>
          <SignedOut>
            <SignUp signInUrl="/sign-in" afterSignIn={home} />
          </SignedOut>
          <SignedIn>
            <Redirect to="/" />
          </SignedIn>
        </>
      );
    case '/user':
      return (
        <>
          <SignedIn>
            <UserProfile afterDelete={home} />
          </SignedIn>
          <SignedOut>
            <Redirect to="/sign-in" />
          </SignedOut>
        </>
      );
    default:
      return (
        <>
          <SignedIn>
            <Welcome />
            <ApiPanel />
          </SignedIn>
          <SignedOut>
            <h1>You are signed out</h1>
            <p>
              <Link to="/sign-in">Sign in</Link> or <Link to="/sign-up">create an account</Link> to call the protected
              API.
            </p>
          </SignedOut>
        </>
      );
  }
}

function Welcome() {
  const { user } = useUser();
  return <h1>Signed in as {user?.primaryEmailAddress?.emailAddress ?? user?.id}</h1>;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to), [to]);
  return null;
}

function Link({ to, className, children }: { to: string; className?: string; children: ReactNode }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} className={className} onClick={onClick}>
      {children}
    </a>
  );
}
