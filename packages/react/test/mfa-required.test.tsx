// @vitest-environment happy-dom
/**
 * An instance that requires MFA, in the components: <SignUp> completes into a pending session
 * (no session token), shows the `setup-mfa` step, where the user sets up an authenticator app
 * with a code computed here; Continue then hands over to the app with an active session.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SignUp } from '../src/index.ts';
import { newGatehouse, renderWith } from './helpers.tsx';
import { PASSWORD, type RemoteServer, startRemoteServer, uniqueEmail } from './remote-server.ts';

let server: RemoteServer;
beforeAll(async () => {
  server = await startRemoteServer();
  const patched = await server.backend('PATCH', '/v1/instance/settings', {
    auth: { multi_factor: { required: true } },
  });
  expect(patched.status).toBe(200);
});
afterAll(() => server.close());

it('walks a new user from sign-up through setting up TOTP to an active session', async () => {
  const gatehouse = newGatehouse(server);
  const signedIn: string[] = [];
  renderWith(gatehouse, <SignUp afterSignIn={({ sessionId }) => void signedIn.push(sessionId)} />);
  const email = uniqueEmail('react-mfa-required');
  fireEvent.change(await screen.findByLabelText(/^Email address/), { target: { value: email } });
  fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: PASSWORD } });
  fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
  const codeInput = await screen.findByLabelText('Verification code');
  fireEvent.change(codeInput, { target: { value: await server.lastCode(email) } });

  expect(await screen.findByRole('heading', { name: 'Set up two-step verification' })).toBeTruthy();
  // Pending: on the client with its task, but not signed in for the app yet.
  const pending = gatehouse.client.sessions[0];
  expect(pending).toMatchObject({ status: 'pending', tasks: [{ key: 'setup-mfa' }] });
  expect(gatehouse.isSignedIn).toBe(false);
  expect(signedIn).toHaveLength(0);

  const section = screen.getByRole('region', { name: 'Two-step verification' });
  fireEvent.click(within(section).getByRole('button', { name: 'Add an authenticator app' }));
  await within(section).findByRole('img', { name: 'QR code for your authenticator app' });
  const secret = section.querySelector('.gh-totp-secret')!.textContent!;
  fireEvent.change(within(section).getByLabelText('Verification code'), {
    target: { value: TOTP.generate({ secret: Secret.fromBase32(secret) }) },
  });
  await within(section).findByRole('list', { name: 'Backup codes' });

  fireEvent.click(await screen.findByRole('button', { name: 'Continue' }));
  await waitFor(() => expect(signedIn).toHaveLength(1));
  expect(gatehouse.session?.id).toBe(pending?.id);
  expect(gatehouse.session?.status).toBe('active');
});
