// @vitest-environment happy-dom
/**
 * <SignIn> with a phone number against a real server whose instance signs in with texted
 * codes (`auth.phone_number.sign_in_with_code`): the identifier field says it takes a phone
 * number, a number leads to the code step (texted on its own, masked number shown, resend
 * counting down, `autocomplete="one-time-code"`), a wrong code is reported beside the field
 * and the code from the dev SMS outbox signs in.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignIn } from '../src/index.ts';
import { newGatehouse, renderWith } from './helpers.tsx';
import { PASSWORD, type RemoteServer, startRemoteServer, uniqueEmail } from './remote-server.ts';

let server: RemoteServer;
beforeAll(async () => {
  server = await startRemoteServer();
  const patched = await server.backend('PATCH', '/v1/instance/settings', {
    auth: { phone_number: { sign_in_with_code: true } },
    sms: { allowed_countries: ['US'], resend_after_seconds: 0, sends_per_ip_per_hour: 1000 },
  });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
}, 120_000);
afterAll(() => server.close());

// The server loads the phone-number metadata on its first use: seconds on a busy machine.
const SLOW = { timeout: 20_000 };

/** A valid New Jersey number outside the fictional 555-01xx range, so its code is texted (to the outbox). */
const uniqueNumber = () => {
  const n = Date.now() % 1_000_000;
  return `+1201${400 + Math.floor(n / 10_000)}${String(n % 10_000).padStart(4, '0')}`;
};

async function lastSmsCode(to: string): Promise<string> {
  const r = await server.backend('GET', `/v1/dev/sms?to=${encodeURIComponent(to)}`);
  const code = /^@\S+ #(\d{6})$/m.exec(r.body[0]?.body ?? '')?.[1];
  if (!code) throw new Error(`no code texted to ${to}: ${JSON.stringify(r.body)}`);
  return code;
}

describe('<SignIn> with a phone number', () => {
  it('texts a code to the number and signs in with it', { timeout: 120_000 }, async () => {
    const number = uniqueNumber();
    const user = await server.backend('POST', '/v1/users', {
      email_address: [uniqueEmail('phone')],
      password: PASSWORD,
    });
    expect(user.status).toBe(200);
    const phone = await server.backend('POST', '/v1/phone_numbers', {
      user_id: user.body.id,
      phone_number: number,
      verified: true,
    });
    expect(phone.status, JSON.stringify(phone.body)).toBe(200);

    const gatehouse = newGatehouse(server);
    const done: string[] = [];
    renderWith(gatehouse, <SignIn afterSignIn={({ sessionId }) => void done.push(sessionId)} />);
    const identifier = await screen.findByLabelText('Email address or phone number');
    expect(identifier.getAttribute('type')).toBe('text');
    fireEvent.change(identifier, { target: { value: `+1 201 ${number.slice(5, 8)} ${number.slice(8)}` } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));

    expect(await screen.findByRole('heading', { name: 'Check your phone' }, SLOW)).toBeTruthy();
    expect(screen.getByText(`We sent a 6-digit code to ${number.slice(0, 5)}***${number.slice(-4)}.`)).toBeTruthy();
    const resend = screen.getByRole('button', { name: /^Resend code in \d+ s$/ }) as HTMLButtonElement;
    expect(resend.disabled).toBe(true);
    const codeInput = screen.getByLabelText('Verification code');
    expect(codeInput.getAttribute('autocomplete')).toBe('one-time-code');

    const code = await lastSmsCode(number);
    fireEvent.change(codeInput, { target: { value: code === '000000' ? '000001' : '000000' } });
    await waitFor(() => expect(codeInput.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(codeInput.getAttribute('aria-describedby')!)?.textContent).toBe('Incorrect code.');
    expect(gatehouse.isSignedIn).toBe(false);

    fireEvent.change(codeInput, { target: { value: code } });
    await waitFor(() => expect(done).toHaveLength(1), SLOW);
    expect(gatehouse.session?.id).toBe(done[0]);
    expect(gatehouse.user?.id).toBe(user.body.id);
  });
});
