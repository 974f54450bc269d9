// @vitest-environment happy-dom
/**
 * <SignIn> against a real server: identifier first then password, the server's
 * form_password_incorrect message beside the password field, the email code step on a new
 * browser (Client Trust), the combined layout with an
 * unknown identifier beside the identifier field; <SignedIn>/<SignedOut>/<Protect>
 * switching when the state changes; <RedirectToSignIn> once signed out.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Protect, RedirectToSignIn, SignedIn, SignedOut, SignIn } from '../src/index.ts';
import { newGatehouse, renderWith, signedInGatehouse } from './helpers.tsx';
import { PASSWORD, type RemoteServer, startRemoteServer, uniqueEmail } from './remote-server.ts';

let server: RemoteServer;
let email: string;

beforeAll(async () => {
  server = await startRemoteServer();
  email = uniqueEmail('react-signin');
  const created = await server.backend('POST', '/v1/users', { email_address: [email], password: PASSWORD });
  expect(created.status).toBe(200);
});
afterAll(() => server.close());

const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Continue' }));

describe('<SignIn>', () => {
  it('shows form_password_incorrect beside the password field, then signs in with the right one', async () => {
    const gatehouse = newGatehouse(server);
    const done: string[] = [];
    renderWith(gatehouse, <SignIn afterSignIn={({ sessionId }) => void done.push(sessionId)} />);
    expect(await screen.findByRole('heading', { name: 'Sign in to My application' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Sign up' }).getAttribute('href')).toBe(`${server.url}/sign-up`);
    expect(screen.queryByLabelText('Password')).toBeNull();

    type('Email address', email);
    submit();
    const password = await screen.findByLabelText('Password');
    expect(screen.getByRole('heading', { name: 'Enter your password' })).toBeTruthy();
    expect(screen.getByText(`Signing in as ${email}`)).toBeTruthy();
    expect(document.activeElement).toBe(password);

    type('Password', 'not the password');
    submit();
    await waitFor(() => expect(password.getAttribute('aria-invalid')).toBe('true'));
    const message = document.getElementById(password.getAttribute('aria-describedby')!)!;
    expect(message.textContent).toBe('Password is incorrect. Try again, or use another method.');
    expect(message.closest('.gh-field')).toBe(password.closest('.gh-field'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(gatehouse.isSignedIn).toBe(false);

    // A browser this user never signed in on: the right password leads to the email code step
    // (Client Trust), which sends the code on its own.
    type('Password', PASSWORD);
    submit();
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
    expect(
      screen.getByText(`You’re signing in on a new device. Enter the 6-digit code sent to ${email[0]}***@example.com.`),
    ).toBeTruthy();
    expect(gatehouse.isSignedIn).toBe(false);
    const codeInput = screen.getByLabelText('Verification code');
    fireEvent.change(codeInput, { target: { value: '000000' } });
    await waitFor(() => expect(codeInput.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(codeInput.getAttribute('aria-describedby')!)?.textContent).toBe('Incorrect code.');

    fireEvent.change(codeInput, { target: { value: await server.lastCode(email) } });
    await waitFor(() => expect(done).toHaveLength(1));
    expect(gatehouse.session?.id).toBe(done[0]);
  });

  it('on one page: an unknown identifier is reported beside the identifier field', async () => {
    renderWith(newGatehouse(server), <SignIn layout="combined" signUpUrl={null} />);
    await screen.findByLabelText('Email address');
    expect(screen.queryByRole('link', { name: 'Sign up' })).toBeNull();
    type('Email address', uniqueEmail('nobody'));
    type('Password', PASSWORD);
    submit();
    const identifier = screen.getByLabelText('Email address');
    await waitFor(() => expect(identifier.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(identifier.getAttribute('aria-describedby')!)?.textContent).toBe(
      "Couldn't find your account.",
    );
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(identifier);
  });

  it('shows an error no field owns in the alert region', async () => {
    const gatehouse = await signedInGatehouse(server, uniqueEmail('already'), PASSWORD);
    renderWith(gatehouse, <SignIn layout="combined" />);
    await screen.findByLabelText('Email address');
    type('Email address', email);
    type('Password', PASSWORD);
    submit();
    expect((await screen.findByRole('alert')).textContent).toBe("You're already signed in.");
  });
});

describe('<SignedIn>, <SignedOut>, <Protect>', () => {
  it('switch when the user signs in and out', async () => {
    const gatehouse = newGatehouse(server);
    renderWith(
      gatehouse,
      <>
        <SignedIn>
          <p>signed in</p>
        </SignedIn>
        <SignedOut>
          <p>signed out</p>
        </SignedOut>
        <Protect fallback={<p>fallback</p>}>
          <p>protected</p>
        </Protect>
        <Protect condition={(has) => has({ role: 'org:admin' })} fallback={<p>not an admin</p>}>
          <p>admin area</p>
        </Protect>
      </>,
    );
    expect(await screen.findByText('signed out')).toBeTruthy();
    expect(screen.getByText('fallback')).toBeTruthy();
    expect(screen.queryByText('signed in')).toBeNull();

    const started = await gatehouse.signIn.create({ identifier: email, password: PASSWORD });
    // A new browser for this user: Client Trust's email code completes the sign-in.
    await started.prepareSecondFactor({ strategy: 'email_code' });
    const si = await started.attemptSecondFactor({ strategy: 'email_code', code: await server.lastCode(email) });
    expect(si.status).toBe('complete');
    expect(await screen.findByText('signed in')).toBeTruthy();
    expect(screen.getByText('protected')).toBeTruthy();
    expect(screen.getByText('not an admin')).toBeTruthy();
    expect(screen.queryByText('signed out')).toBeNull();

    await gatehouse.signOut();
    expect(await screen.findByText('signed out')).toBeTruthy();
    expect(screen.queryByText('protected')).toBeNull();
  });
});

describe('<RedirectToSignIn>', () => {
  it('navigates to the sign-in page with redirect_url back to this page once loaded and signed out', async () => {
    const visited: string[] = [];
    const gatehouse = newGatehouse(server, { navigate: (url) => visited.push(url) });
    renderWith(
      gatehouse,
      <SignedOut>
        <RedirectToSignIn signInUrl="/sign-in" />
      </SignedOut>,
    );
    await waitFor(() => expect(visited).toHaveLength(1));
    const target = new URL(visited[0]!, location.origin);
    expect(target.pathname).toBe('/sign-in');
    expect(target.searchParams.get('redirect_url')).toBe(location.href);
  });

  it('defaults to the instance’s hosted sign-in page', async () => {
    const visited: string[] = [];
    renderWith(newGatehouse(server, { navigate: (url) => visited.push(url) }), <RedirectToSignIn />);
    await waitFor(() => expect(visited).toHaveLength(1));
    expect(visited[0]!.startsWith(`${server.url}/sign-in?redirect_url=`)).toBe(true);
  });
});
