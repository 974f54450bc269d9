// @vitest-environment happy-dom
/**
 * Reverification of the second factor in the components, against a real server. A user with
 * an authenticator app signs in with both factors; 11 minutes on:
 * - a password change in <UserProfile> (strict: the second factor, as the session has one)
 *   opens the dialog on the authenticator code, here switched to a backup code, and then goes
 *   through by itself;
 * - an app's own call wrapped in `useReverification()`, which needs both factors (strict_mfa,
 *   checked on the session token's `fva` as a backend would), asks the password, then the
 *   authenticator code, then runs again and succeeds.
 */
import { type Gatehouse, GatehouseAPIError } from '@gatehouse/js';
import { meetsReverification } from '@gatehouse/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Secret, TOTP } from 'otpauth';
import { useState } from 'react';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ReverificationBoundary, UserProfile, useGatehouse, useReverification } from '../src/index.ts';
import { newGatehouse, renderWith, signedInGatehouse } from './helpers.tsx';
import { PASSWORD, type RemoteServer, startRemoteServer, uniqueEmail } from './remote-server.ts';

const NEW_PASSWORD = 'a brand new passphrase 42';
/** Waits on server round trips (password hashing among them): room for a busy machine. */
const SLOW = { timeout: 15_000 };

let server: RemoteServer;
/** How far the server's clock was moved: TOTP codes are computed at the server's time. */
let offset = 0;
/** A cold server hashes passwords for the first time in these tests: room for a busy machine. */
const TEST_TIMEOUT = 120_000;
beforeAll(async () => {
  server = await startRemoteServer();
}, TEST_TIMEOUT);
afterAll(() => server.close());

const advance = async (ms: number) => {
  offset += ms;
  await server.advanceClock(ms);
};
const totpCode = (secret: string) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + offset });

/** A user with TOTP, signed in on a new SDK instance with password and code; then 11 minutes pass. */
async function mfaSignedIn() {
  const email = uniqueEmail('reverify-2fa');
  const setup = await signedInGatehouse(server, email, PASSWORD);
  const { secret } = await setup.user!.createTOTP();
  const { backupCodes } = await setup.user!.verifyTOTP({ code: totpCode(secret!) });
  await advance(60_000);
  const gatehouse = newGatehouse(server);
  await gatehouse.load();
  const si = await gatehouse.signIn.create({ identifier: email, password: PASSWORD });
  expect(si.status).toBe('needs_second_factor');
  const done = await si.attemptSecondFactor({ strategy: 'totp', code: totpCode(secret!) });
  await gatehouse.setActive({ session: done.createdSessionId });
  await advance(11 * 60_000);
  return { gatehouse, secret: secret!, backupCodes: backupCodes! };
}

it(
  '<UserProfile>: a password change asks the second factor (a backup code here) and then goes through',
  async () => {
    const { gatehouse, backupCodes } = await mfaSignedIn();
    renderWith(gatehouse, <UserProfile />);
    const section = await screen.findByRole('region', { name: 'Password' }, SLOW);
    fireEvent.change(within(section).getByLabelText('Current password'), { target: { value: PASSWORD } });
    fireEvent.change(within(section).getByLabelText('New password'), { target: { value: NEW_PASSWORD } });
    fireEvent.click(within(section).getByRole('button', { name: 'Update password' }));
    const dialog = await screen.findByRole('dialog', { name: 'Verify it’s you' }, SLOW);

    const asked = await within(dialog).findByText('Enter the 6-digit code from your authenticator app.', {}, SLOW);
    expect(asked.id).toBe(dialog.getAttribute('aria-describedby'));
    expect(within(dialog).queryByLabelText('Password')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Use a backup code' }));

    const field = await within(dialog).findByLabelText('Backup code', {}, SLOW);
    fireEvent.change(field, { target: { value: 'aaaaaaaaaa' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'), SLOW);
    expect(within(section).queryByText('Your password was updated.')).toBeNull();

    fireEvent.change(field, { target: { value: backupCodes[0] } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Verify' }));
    expect(await within(section).findByText('Your password was updated.', {}, SLOW)).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  },
  TEST_TIMEOUT,
);

const fva = (jwt: string | null) => JSON.parse(atob(jwt!.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).fva;

/** An app's own sensitive call: its backend requires both factors within 10 minutes. */
function TransferButton() {
  const gatehouse = useGatehouse() as Gatehouse;
  const reverify = useReverification();
  const [result, setResult] = useState('');
  const transfer = async () => {
    if (!meetsReverification(fva(await gatehouse.session!.getToken()), 'strict_mfa'))
      // What the app's backend answers, in the API's error format.
      throw GatehouseAPIError.fromBody(403, {
        errors: [
          {
            code: 'session_reverification_required',
            message: 'Reverification required.',
            long_message: 'Verify your identity and try again.',
            meta: { reverification: { level: 'multi_factor', after_minutes: 10 } },
          },
        ],
      });
    return 'sent';
  };
  return (
    <button type="button" onClick={() => void reverify(transfer).then(setResult, () => setResult('refused'))}>
      {result || 'Transfer'}
    </button>
  );
}

it(
  'useReverification(): a call that needs both factors asks the password, then the authenticator code',
  async () => {
    const { gatehouse, secret } = await mfaSignedIn();
    renderWith(
      gatehouse,
      <ReverificationBoundary>
        <TransferButton />
      </ReverificationBoundary>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Transfer' }, SLOW));
    const dialog = await screen.findByRole('dialog', { name: 'Verify it’s you' }, SLOW);

    fireEvent.change(await within(dialog).findByLabelText('Password', {}, SLOW), { target: { value: PASSWORD } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Continue' }));
    await within(dialog).findByText('Enter the 6-digit code from your authenticator app.', {}, SLOW);
    fireEvent.change(within(dialog).getByLabelText('Verification code'), { target: { value: totpCode(secret) } });

    expect(await screen.findByRole('button', { name: 'sent' }, SLOW)).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fva(await gatehouse.session!.getToken())).toEqual([0, 0]);
  },
  TEST_TIMEOUT,
);
