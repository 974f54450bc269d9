// @vitest-environment happy-dom
/**
 * <UserProfile> security against a real server: a password change on a session older than
 * the strict preset (10 minutes) opens the reverification dialog; the right password
 * reverifies and the change goes through by itself, a wrong one shows beside the field; and
 * the device list shows each session's browser, OS, place and IP, with "This device".
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frFR, UserProfile } from '../src/index.ts';
import { renderWith, signedInGatehouse } from './helpers.tsx';
import { PASSWORD, type RemoteServer, startRemoteServer, uniqueEmail } from './remote-server.ts';

const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const BERLIN_IP = '81.169.145.1';
const NEW_PASSWORD = 'a brand new passphrase 42';

let server: RemoteServer;
beforeAll(async () => {
  server = await startRemoteServer();
});
afterAll(() => server.close());

/** A signed-in user whose session is 11 minutes old, with <UserProfile> open on the password form. */
async function agedProfile() {
  const email = uniqueEmail('reverify');
  const gatehouse = await signedInGatehouse(server, email, PASSWORD);
  await server.advanceClock(11 * 60_000);
  renderWith(gatehouse, <UserProfile />);
  const section = await screen.findByRole('region', { name: 'Password' });
  fireEvent.change(within(section).getByLabelText('Current password'), { target: { value: PASSWORD } });
  fireEvent.change(within(section).getByLabelText('New password'), { target: { value: NEW_PASSWORD } });
  fireEvent.click(within(section).getByRole('button', { name: 'Update password' }));
  const dialog = await screen.findByRole('dialog', { name: 'Verify it’s you' });
  return { email, gatehouse, section, dialog };
}

describe('reverification in <UserProfile>', () => {
  it('asks for the password on an old session, then retries the password change, which succeeds', async () => {
    const { email, section, dialog } = await agedProfile();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const password = await within(dialog).findByLabelText('Password');
    expect(within(dialog).getByText('Enter your password to continue.').id).toBe(
      dialog.getAttribute('aria-describedby'),
    );
    fireEvent.change(password, { target: { value: PASSWORD } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Continue' }));

    expect(await within(section).findByText('Your password was updated.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    // The new password is the account's: a sign-in with it works.
    const again = await server.signInFrom(email, NEW_PASSWORD, { userAgent: CHROME_MAC, ip: BERLIN_IP });
    expect(again).toMatch(/^sess_/);
  });

  it('shows a wrong password beside the field and keeps the dialog open', async () => {
    const { dialog, section } = await agedProfile();
    const password = await within(dialog).findByLabelText('Password');
    fireEvent.change(password, { target: { value: 'not my password' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(password.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(password.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Password is incorrect. Try again, or use another method.',
    );
    expect(screen.getByRole('dialog')).toBe(dialog);
    expect(within(section).queryByText('Your password was updated.')).toBeNull();
  });

  it('traps focus, and closes on Escape leaving the change undone', async () => {
    const { dialog, section } = await agedProfile();
    const password = await within(dialog).findByLabelText('Password');
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
    cancel.focus();
    fireEvent.keyDown(cancel, { key: 'Tab' });
    expect(document.activeElement).toBe(password);
    fireEvent.keyDown(password, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(cancel);

    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(
      await within(section).findByText('This action needs a recent verification. Verify your identity and try again.'),
    ).toBeTruthy();
  });
});

describe('the device list in <UserProfile>', () => {
  it('shows each session’s browser, OS, place and IP, marks this device, and offers sign-out for the others', async () => {
    const email = uniqueEmail('devices');
    const gatehouse = await signedInGatehouse(server, email, PASSWORD);
    const other = await server.signInFrom(email, PASSWORD, { userAgent: CHROME_MAC, ip: BERLIN_IP });
    renderWith(gatehouse, <UserProfile />);
    const devices = await screen.findByRole('region', { name: 'Active devices' });
    const row = await waitFor(() => {
      const li = devices.querySelector(`li[data-session-id="${other}"]`);
      if (!li) throw new Error('no row yet');
      return li as HTMLElement;
    });
    expect(within(row).getByText('Chrome 120 on macOS, Berlin, DE')).toBeTruthy();
    expect(within(row).getByText(`IP address ${BERLIN_IP}`)).toBeTruthy();
    expect(within(row).queryByText('This device')).toBeNull();
    const mine = devices.querySelector(`li[data-session-id="${gatehouse.session!.id}"]`) as HTMLElement;
    expect(within(mine).getByText('This device')).toBeTruthy();
    expect(within(mine).queryByRole('button', { name: 'Sign out' })).toBeNull();

    fireEvent.click(within(row).getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(devices.querySelector(`li[data-session-id="${other}"]`)).toBeNull());
  });

  it('says it in French with frFR', async () => {
    const email = uniqueEmail('devices-fr');
    const gatehouse = await signedInGatehouse(server, email, PASSWORD);
    const other = await server.signInFrom(email, PASSWORD, { userAgent: CHROME_MAC, ip: BERLIN_IP });
    renderWith(gatehouse, <UserProfile />, { localization: frFR });
    const row = await waitFor(() => {
      const li = document.querySelector(`li[data-session-id="${other}"]`);
      if (!li) throw new Error('no row yet');
      return li as HTMLElement;
    });
    expect(within(row).getByText('Chrome 120 sur macOS, Berlin, DE')).toBeTruthy();
    expect(within(row).getByText(`Adresse IP ${BERLIN_IP}`)).toBeTruthy();
  });
});
