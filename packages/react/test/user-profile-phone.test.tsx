// @vitest-environment happy-dom
/**
 * Phone numbers and SMS two-step verification in <UserProfile> against a real server (with
 * SMS on for the US): add a number (a malformed one is refused beside the field before any
 * request, a number from a country not opted into by the server), verify it with the code
 * read from the dev outbox, remove it through the reverification dialog; then turn on SMS
 * codes as the second factor with that number, after which a sign-in asks for `phone_code`,
 * and turn them off again (through the reverification dialog).
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserProfile } from '../src/index.ts';
import { newGatehouse, renderWith, signedInGatehouse } from './helpers.tsx';
import { PASSWORD, type RemoteServer, startRemoteServer, uniqueEmail } from './remote-server.ts';

let server: RemoteServer;
beforeAll(async () => {
  server = await startRemoteServer();
  const patched = await server.backend('PATCH', '/v1/instance/settings', {
    sms: { allowed_countries: ['US'], resend_after_seconds: 0, sends_per_ip_per_hour: 1000 },
  });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
});
afterAll(() => server.close());

// The server loads the phone-number metadata and the message templates on their first use:
// seconds on a busy machine.
const SLOW = { timeout: 20_000 };
const TEST_TIMEOUT_MS = 120_000;

let counter = 0;
/** A valid New Jersey number outside the fictional 555-01xx range, so its code is really texted (to the outbox). */
const uniqueNumber = () => {
  const n = (Date.now() + ++counter) % 1_000_000;
  return {
    e164: `+1201${300 + Math.floor(n / 10_000)}${String(n % 10_000).padStart(4, '0')}`,
    shown: `+1 201 ${300 + Math.floor(n / 10_000)} ${String(n % 10_000).padStart(4, '0')}`,
  };
};

/** The code of the newest text message to `to`, from its WebOTP line `@host #123456`. */
async function lastSmsCode(to: string): Promise<string> {
  const r = await server.backend('GET', `/v1/dev/sms?to=${encodeURIComponent(to)}`);
  const code = /^@\S+ #(\d{6})$/m.exec(r.body[0]?.body ?? '')?.[1];
  if (!code) throw new Error(`no code texted to ${to}: ${JSON.stringify(r.body)}`);
  return code;
}

/** Adds the number in this list's form and verifies it with the texted code. */
async function addAndVerify(list: HTMLElement, e164: string, shown: string) {
  fireEvent.change(within(list).getByLabelText('Add phone number'), { target: { value: e164 } });
  fireEvent.click(within(list).getByRole('button', { name: 'Add' }));
  expect(await within(list).findByText(`Enter the code sent to ${shown}.`, {}, SLOW)).toBeTruthy();
  // Six digits submit by themselves.
  fireEvent.change(within(list).getByLabelText('Verification code'), { target: { value: await lastSmsCode(e164) } });
  await waitFor(() => expect(within(list).queryByLabelText('Verification code')).toBeNull(), SLOW);
}

const rowOf = (section: HTMLElement, text: string) => within(section).getByText(text).closest('li')!;

describe('phone numbers in <UserProfile>', () => {
  it(
    'adds a number, verifies it with the texted code, and removes it through reverification',
    async () => {
      const gatehouse = await signedInGatehouse(server, uniqueEmail('phone'), PASSWORD);
      renderWith(gatehouse, <UserProfile />);
      const section = await screen.findByRole('region', { name: 'Phone numbers' });
      expect(within(section).getByText('No phone numbers yet.')).toBeTruthy();
      const field = within(section).getByLabelText('Add phone number');
      expect(field.getAttribute('type')).toBe('tel');
      expect(document.getElementById(field.getAttribute('aria-describedby')!)?.textContent).toBe(
        'With + and the country code, e.g. +1 415 555 0123.',
      );

      // Not international: refused here, beside the field.
      fireEvent.change(field, { target: { value: '201 555 0123' } });
      fireEvent.click(within(section).getByRole('button', { name: 'Add' }));
      await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
      expect(
        within(section).getByText('Enter the number with + and its country code, e.g. +14155550123.'),
      ).toBeTruthy();
      // A French number on an instance that texts only the US: the server's answer, beside the field.
      fireEvent.change(field, { target: { value: '+33 6 12 34 56 78' } });
      fireEvent.click(within(section).getByRole('button', { name: 'Add' }));
      expect(
        await within(section).findByText('Phone numbers from FR are not supported by this application.', {}, SLOW),
      ).toBeTruthy();
      expect(field.getAttribute('aria-invalid')).toBe('true');
      expect(gatehouse.user?.phoneNumbers).toEqual([]);

      const { e164, shown } = uniqueNumber();
      fireEvent.change(field, { target: { value: e164 } });
      fireEvent.click(within(section).getByRole('button', { name: 'Add' }));
      expect(await within(section).findByText(`Enter the code sent to ${shown}.`, {}, SLOW)).toBeTruthy();
      expect(within(rowOf(section, shown)).getByText('Unverified')).toBeTruthy();
      fireEvent.change(within(section).getByLabelText('Verification code'), {
        target: { value: await lastSmsCode(e164) },
      });
      await waitFor(() => expect(within(rowOf(section, shown)).getByText('Verified')).toBeTruthy(), SLOW);
      expect(within(rowOf(section, shown)).getByText('Primary')).toBeTruthy();
      const onServer = await server.backend('GET', `/v1/users/${gatehouse.user!.id}`);
      expect(onServer.body.phone_numbers).toMatchObject([{ phone_number: e164, verification: { status: 'verified' } }]);

      // Removing is sensitive: on a session older than the strict preset it asks for the password first.
      await server.advanceClock(11 * 60_000);
      fireEvent.click(within(section).getByRole('button', { name: `Remove ${shown}` }));
      const dialog = await screen.findByRole('dialog', { name: 'Verify it’s you' }, SLOW);
      fireEvent.change(await within(dialog).findByLabelText('Password', {}, SLOW), { target: { value: PASSWORD } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Continue' }));
      await waitFor(() => expect(within(section).queryByText(shown)).toBeNull(), SLOW);
      expect(screen.queryByRole('dialog')).toBeNull();
      expect((await server.backend('GET', `/v1/users/${gatehouse.user!.id}`)).body.phone_numbers).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('SMS codes as a second factor in <UserProfile>', () => {
  it(
    'turns on SMS codes with a number added and verified on the spot, then a sign-in asks for a texted code',
    async () => {
      const email = uniqueEmail('sms-mfa');
      const gatehouse = await signedInGatehouse(server, email, PASSWORD);
      renderWith(gatehouse, <UserProfile />);
      const section = await screen.findByRole('region', { name: 'Two-step verification' });
      fireEvent.click(within(section).getByRole('button', { name: 'Receive codes by text message' }));
      expect(within(section).getByText('Which number should receive the codes?')).toBeTruthy();

      const { e164, shown } = uniqueNumber();
      await addAndVerify(section, e164, shown);
      fireEvent.click(await within(section).findByRole('button', { name: `Use ${shown}` }, SLOW));

      const row = (await within(section).findByText('Text message (SMS) code', {}, SLOW)).closest('li')!;
      expect(within(row).getByText(`Codes sent to ${shown}`)).toBeTruthy();
      expect(within(row).getByText('On')).toBeTruthy();
      expect(await within(row).findByText('Default', {}, SLOW)).toBeTruthy();
      // The phone section marks the number too.
      const phones = screen.getByRole('region', { name: 'Phone numbers' });
      expect(within(rowOf(phones, shown)).getByText('Two-step verification')).toBeTruthy();

      const user = (await server.backend('GET', `/v1/users/${gatehouse.user!.id}`)).body;
      expect(user.two_factor_enabled).toBe(true);
      expect(user.phone_numbers).toMatchObject([
        { phone_number: e164, reserved_for_second_factor: true, default_second_factor: true },
      ]);

      // A sign-in on another client now stops at the second factor, which offers the number.
      const other = newGatehouse(server);
      await other.load();
      const signIn = await other.signIn.create({ identifier: email, password: PASSWORD });
      expect(signIn.status).toBe('needs_second_factor');
      expect(signIn.supportedSecondFactors?.map((f) => f.strategy)).toContain('phone_code');

      // Remove: un-reserves the number (it stays on the account, verified). Sensitive: on a
      // session older than the strict preset, a user with a second factor proves it first,
      // here with a code texted to that very number.
      await server.advanceClock(11 * 60_000);
      fireEvent.click(within(row).getByRole('button', { name: `Remove Text message (SMS) code ${shown}` }));
      const dialog = await screen.findByRole('dialog', { name: 'Verify it’s you' }, SLOW);
      expect(within(section).getByText('Text message (SMS) code')).toBeTruthy();
      fireEvent.click(await within(dialog).findByRole('button', { name: 'Text me a code' }, SLOW));
      const dialogCode = await within(dialog).findByLabelText('Verification code', {}, SLOW);
      // Six digits submit by themselves; the removal then runs again by itself.
      fireEvent.change(dialogCode, { target: { value: await lastSmsCode(e164) } });
      await waitFor(() => expect(within(section).queryByText('Text message (SMS) code')).toBeNull(), SLOW);
      const after = (await server.backend('GET', `/v1/users/${gatehouse.user!.id}`)).body;
      expect(after.two_factor_enabled).toBe(false);
      expect(after.phone_numbers).toMatchObject([{ phone_number: e164, reserved_for_second_factor: false }]);
    },
    TEST_TIMEOUT_MS,
  );
});
