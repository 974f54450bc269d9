// @vitest-environment happy-dom
/**
 * <SignUp> against a real server: the fields follow the environment (a settings change on the
 * server adds the username field), a full sign-up through the email code step, and a server
 * field error shown beside its field with aria-invalid, aria-describedby and focus.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignUp } from '../src/index.ts';
import { newGatehouse, renderWith } from './helpers.tsx';
import { PASSWORD, type RemoteServer, startRemoteServer, uniqueEmail } from './remote-server.ts';

let server: RemoteServer;
beforeAll(async () => {
  server = await startRemoteServer();
});
afterAll(() => server.close());

const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('<SignUp>', () => {
  it('renders the fields the environment enables; enabling usernames on the server adds the field', async () => {
    const first = renderWith(newGatehouse(server), <SignUp />);
    expect(await screen.findByRole('heading', { name: 'Create your account' })).toBeTruthy();
    expect(screen.getByLabelText(/^Email address/)).toBeTruthy();
    expect(screen.getByLabelText(/^Password/).getAttribute('type')).toBe('password');
    expect(screen.getByLabelText(/^First name/)).toBeTruthy();
    expect(screen.queryByLabelText(/^Username/)).toBeNull();

    const patched = await server.backend('PATCH', '/v1/instance/settings', {
      auth: { username: { enabled: true, required: true }, last_name: { enabled: false } },
    });
    expect(patched.status).toBe(200);
    first.unmount();

    renderWith(newGatehouse(server), <SignUp />);
    const username = await screen.findByLabelText(/^Username/);
    expect(username.getAttribute('autocomplete')).toBe('username');
    expect(username.hasAttribute('required')).toBe(true);
    expect(screen.queryByLabelText(/^Last name/)).toBeNull();
    expect(screen.getByText('Optional', { selector: '.gh-field-first_name .gh-optional' })).toBeTruthy();

    await server.backend('PATCH', '/v1/instance/settings', {
      auth: { username: { enabled: false, required: false }, last_name: { enabled: true } },
    });
  });

  it('signs up with the email code: fields, then the code step, then signed in', async () => {
    const gatehouse = newGatehouse(server);
    const signedIn: string[] = [];
    renderWith(gatehouse, <SignUp afterSignIn={({ sessionId }) => void signedIn.push(sessionId)} />);
    const email = uniqueEmail('react-signup');
    await screen.findByLabelText(/^Email address/);
    type(/^First name/, 'Ada');
    type(/^Email address/, email);
    type(/^Password/, PASSWORD);
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));

    expect(await screen.findByRole('heading', { name: 'Verify your email' })).toBeTruthy();
    expect(screen.getByText(`Enter the 6-digit code sent to ${email}.`)).toBeTruthy();
    const codeInput = screen.getByLabelText('Verification code');
    expect(codeInput.getAttribute('autocomplete')).toBe('one-time-code');
    expect(codeInput.getAttribute('inputmode')).toBe('numeric');
    expect((screen.getByRole('button', { name: /^Resend code in \d+ s$/ }) as HTMLButtonElement).disabled).toBe(true);

    const code = await server.lastCode(email);
    fireEvent.paste(codeInput, { clipboardData: { getData: () => ` ${code.slice(0, 3)}-${code.slice(3)} ` } });
    await waitFor(() => expect(signedIn).toHaveLength(1));
    expect(gatehouse.session?.id).toBe(signedIn[0]);
    expect(gatehouse.user).toMatchObject({ firstName: 'Ada' });
    expect(gatehouse.user?.primaryEmailAddress?.emailAddress).toBe(email);
  });

  it('shows the server’s error for a short password beside the password field, and focuses it', async () => {
    renderWith(newGatehouse(server), <SignUp />);
    await screen.findByLabelText(/^Email address/);
    type(/^Email address/, uniqueEmail('short'));
    type(/^Password/, 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));

    const password = screen.getByLabelText(/^Password/);
    await waitFor(() => expect(password.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = password.getAttribute('aria-describedby')!;
    const message = document.getElementById(describedBy)!;
    expect(message.textContent).toBe('Passwords must be 8 characters or more.');
    expect(message.getAttribute('aria-live')).toBe('polite');
    expect(message.closest('.gh-field')).toBe(password.closest('.gh-field'));
    expect(screen.getByLabelText(/^Email address/).getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(password);
    expect(screen.queryByRole('alert')).toBeNull();
    expect((screen.getByRole('button', { name: 'Continue' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
