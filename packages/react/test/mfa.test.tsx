// @vitest-environment happy-dom
/**
 * MFA in the components against a real server: TOTP set-up in <UserProfile> (QR code, the
 * secret for manual entry, confirmation with a code computed here with otpauth, backup codes
 * shown once with copy and download), then <SignIn> asking for the second factor, with a
 * switch to a backup code.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SignIn, UserProfile } from '../src/index.ts';
import { newGatehouse, renderWith, signedInGatehouse } from './helpers.tsx';
import { PASSWORD, type RemoteServer, startRemoteServer, uniqueEmail } from './remote-server.ts';

let server: RemoteServer;
beforeAll(async () => {
  server = await startRemoteServer();
});
afterAll(() => server.close());

/** The authenticator's code, `steps` 30-second steps from now (the server accepts ±1). */
const codeAt = (secret: string, steps = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + steps * 30_000 });

let email: string;
let secret: string;
let backupCodes: string[];

describe('Two-step verification in <UserProfile>', () => {
  it('sets up an authenticator app from its QR code and shows the backup codes once', async () => {
    email = uniqueEmail('react-mfa');
    const gatehouse = await signedInGatehouse(server, email, PASSWORD);
    renderWith(gatehouse, <UserProfile />);
    const section = await screen.findByRole('region', { name: 'Two-step verification' });
    fireEvent.click(within(section).getByRole('button', { name: 'Add an authenticator app' }));

    const qr = await within(section).findByRole('img', { name: 'QR code for your authenticator app' });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(
      within(section)
        .getByRole('link', { name: /Open in an authenticator app/ })
        .getAttribute('href'),
    ).toMatch(/^otpauth:\/\/totp\//);
    secret = section.querySelector('.gh-totp-secret')!.textContent!;
    expect(secret).toMatch(/^[A-Z2-7]+$/);

    const field = within(section).getByLabelText('Verification code');
    expect(field.getAttribute('autocomplete')).toBe('one-time-code');
    fireEvent.change(field, { target: { value: codeAt(secret) } }); // six digits submit by themselves

    const list = await within(section).findByRole('list', { name: 'Backup codes' });
    backupCodes = within(list)
      .getAllByRole('listitem')
      .map((li) => li.textContent!);
    expect(backupCodes).toHaveLength(10);
    await waitFor(() => expect(within(section).getByText('On')).toBeTruthy());
    expect(gatehouse.user?.totpEnabled).toBe(true);

    // Download: a text file made from a Blob holding every code.
    const created: Blob[] = [];
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      created.push(b as Blob);
      return 'blob:codes';
    });
    // happy-dom would navigate to the blob URL; a browser downloads it.
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    fireEvent.click(within(section).getByRole('button', { name: 'Download codes' }));
    click.mockRestore();
    expect(createObjectURL).toHaveBeenCalledOnce();
    expect(clicked[0]?.download).toBe('My_application_backup_codes.txt');
    const text = await created[0]!.text();
    for (const c of backupCodes) expect(text).toContain(c);
    createObjectURL.mockRestore();
  });
});

describe('<SignIn> second factor', () => {
  const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
  const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Continue' }));

  async function toSecondFactor() {
    const gatehouse = newGatehouse(server);
    const done: string[] = [];
    renderWith(gatehouse, <SignIn afterSignIn={({ sessionId }) => void done.push(sessionId)} />);
    await screen.findByRole('heading', { name: 'Sign in to My application' });
    type('Email address', email);
    submit();
    await screen.findByLabelText('Password');
    type('Password', PASSWORD);
    submit();
    expect(await screen.findByRole('heading', { name: 'Two-step verification' })).toBeTruthy();
    return { gatehouse, done };
  }

  it('asks for the authenticator code after the password and signs in with it', async () => {
    const { gatehouse, done } = await toSecondFactor();
    expect(screen.getByText('Enter the 6-digit code from your authenticator app.')).toBeTruthy();
    // One step ahead: the enrolment used the current step's code, and each step works once.
    fireEvent.change(screen.getByLabelText('Verification code'), { target: { value: codeAt(secret, 1) } });
    await waitFor(() => expect(done).toHaveLength(1));
    expect(gatehouse.isSignedIn).toBe(true);
  });

  it('switches to a backup code, shows a wrong one beside the field, then accepts a right one', async () => {
    const { done } = await toSecondFactor();
    fireEvent.click(screen.getByRole('button', { name: 'Use a backup code' }));
    const field = await screen.findByLabelText('Backup code');
    fireEvent.change(field, { target: { value: 'zzzzzzzzzz' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    fireEvent.change(field, { target: { value: backupCodes[0] } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(done).toHaveLength(1));
  });
});
