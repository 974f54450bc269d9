// @vitest-environment happy-dom
/**
 * <SignIn> with emailed codes (`email_code` first factor, `auth.email_address.sign_in_with_code`)
 * against a real server, the code read from the dev mailbox:
 * - an account without a password gets its code at once: "Check your email", the masked
 *   address, resend counting down, `autocomplete="one-time-code"`, no other method to offer;
 *   a wrong code is reported beside the field, the mailed one signs in;
 * - the server's expiry and too-many-attempts errors show beside the field;
 * - "Use another method" lists the other factors offered (here the email link), not the one in use;
 * - an account with a password sees the password step, switches to the code by its link, goes
 *   to "Use another method" and back to the password, then to the code again (the one mailed,
 *   still good) and signs in with it.
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
    auth: { email_address: { sign_in_with_code: true } },
  });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
}, 120_000);
afterAll(() => server.close());

const masked = (email: string) => `${email[0]}***@example.com`;

async function createUser(email: string, password?: string): Promise<string> {
  const r = await server.backend('POST', '/v1/users', { email_address: [email], ...(password && { password }) });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.id as string;
}

/** Renders <SignIn>, enters the email and continues; the SDK instance and the sessions signed in. */
async function startSignIn(email: string) {
  const gatehouse = newGatehouse(server);
  const done: string[] = [];
  renderWith(gatehouse, <SignIn afterSignIn={({ sessionId }) => void done.push(sessionId)} />);
  fireEvent.change(await screen.findByLabelText('Email address'), { target: { value: email } });
  fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
  return { gatehouse, done };
}

/**
 * Types a full code (which submits itself: Verify is disabled while it is checked) and
 * waits for the answer; the field's error message then, if any.
 */
async function enterCode(codeInput: HTMLElement, code: string): Promise<string | null | undefined> {
  const verify = screen.getByRole('button', { name: 'Verify' }) as HTMLButtonElement;
  fireEvent.change(codeInput, { target: { value: code } });
  expect(verify.disabled).toBe(true);
  await waitFor(() => expect(verify.disabled).toBe(false));
  if (codeInput.getAttribute('aria-invalid') !== 'true') return null;
  return document.getElementById(codeInput.getAttribute('aria-describedby')!)?.textContent;
}

/** `n` different codes that are not `code` (the field ignores typing the value it holds). */
const wrongCodes = (code: string, n: number) =>
  ['000000', '111111', '222222', '333333'].filter((c) => c !== code).slice(0, n);

describe('<SignIn> with an emailed code', () => {
  it('mails the code at once to an account without a password and signs in with it', async () => {
    const email = uniqueEmail('code-only');
    const userId = await createUser(email);
    const { gatehouse, done } = await startSignIn(email);

    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
    expect(screen.getByText(`We sent a 6-digit code to ${masked(email)}.`)).toBeTruthy();
    expect(screen.queryByLabelText('Password')).toBeNull();
    const resend = screen.getByRole('button', { name: /^Resend code in \d+ s$/ }) as HTMLButtonElement;
    expect(resend.disabled).toBe(true);
    // Nothing else to offer this account: email code is its only factor.
    expect(screen.queryByRole('button', { name: 'Use another method' })).toBeNull();
    const codeInput = screen.getByLabelText('Verification code');
    expect(codeInput.getAttribute('autocomplete')).toBe('one-time-code');

    const code = await server.lastCode(email);
    expect(await enterCode(codeInput, wrongCodes(code, 1)[0]!)).toBe('Incorrect code.');
    expect(gatehouse.isSignedIn).toBe(false);

    fireEvent.change(codeInput, { target: { value: code } });
    await waitFor(() => expect(done).toHaveLength(1));
    expect(gatehouse.session?.id).toBe(done[0]);
    expect(gatehouse.user?.id).toBe(userId);
  });

  it('shows the server’s error once the code is spent by wrong tries', async () => {
    const email = uniqueEmail('code-errors');
    await createUser(email);
    const { gatehouse } = await startSignIn(email);
    const codeInput = await screen.findByLabelText('Verification code');
    const code = await server.lastCode(email);

    // Three tries per code: after them even the right code is refused.
    for (const wrong of wrongCodes(code, 3)) expect(await enterCode(codeInput, wrong)).toBe('Incorrect code.');
    expect(await enterCode(codeInput, code)).toBe('Too many failed attempts. Request a new code.');
    expect(gatehouse.isSignedIn).toBe(false);
  });

  it('reports an expired code', async () => {
    const email = uniqueEmail('code-expired');
    await createUser(email);
    const { gatehouse } = await startSignIn(email);
    const codeInput = await screen.findByLabelText('Verification code');
    const code = await server.lastCode(email);
    await server.advanceClock(11 * 60_000);
    expect(await enterCode(codeInput, code)).toBe('This verification has expired. Request a new code.');
    expect(gatehouse.isSignedIn).toBe(false);
  });

  it('lists the other offered factors under "Use another method", and comes back to the code', async () => {
    const on = await server.backend('PATCH', '/v1/instance/settings', {
      auth: { email_address: { sign_in_with_link: true } },
    });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    try {
      const email = uniqueEmail('code-methods');
      await createUser(email);
      const { done } = await startSignIn(email);
      expect(await screen.findByText(`We sent a 6-digit code to ${masked(email)}.`)).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: 'Use another method' }));
      expect(await screen.findByRole('heading', { name: 'Use another method' })).toBeTruthy();
      // No password on this account, and the code in use is not offered again.
      expect(screen.getByRole('button', { name: `Email link to ${masked(email)}` })).toBeTruthy();
      expect(screen.queryByRole('button', { name: 'Sign in with your password' })).toBeNull();
      expect(screen.queryByRole('button', { name: /^Email code to/ })).toBeNull();

      fireEvent.click(screen.getByRole('button', { name: 'Back' }));
      const codeInput = await screen.findByLabelText('Verification code');
      expect(await enterCode(codeInput, await server.lastCode(email))).toBeNull();
      await waitFor(() => expect(done).toHaveLength(1));
    } finally {
      await server.backend('PATCH', '/v1/instance/settings', { auth: { email_address: { sign_in_with_link: false } } });
    }
  });

  it('switches from the password to the code, through "Use another method" and back', async () => {
    const email = uniqueEmail('code-switch');
    const userId = await createUser(email, PASSWORD);
    const { gatehouse, done } = await startSignIn(email);

    expect(await screen.findByRole('heading', { name: 'Enter your password' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Use a code sent to your email instead' }));
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
    expect(screen.getByText(`We sent a 6-digit code to ${masked(email)}.`)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Use another method' }));
    expect(await screen.findByRole('heading', { name: 'Use another method' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Email code to/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with your password' }));
    expect(await screen.findByRole('heading', { name: 'Enter your password' })).toBeTruthy();
    expect(screen.getByLabelText('Password')).toBeTruthy();

    // Back to the code, seconds later: the server would refuse a new one this soon, and the
    // one already mailed is still good, so its step shows again. It signs in (no Client Trust
    // step: the code proves the address).
    fireEvent.click(screen.getByRole('button', { name: 'Use a code sent to your email instead' }));
    const codeInput = await screen.findByLabelText('Verification code');
    fireEvent.change(codeInput, { target: { value: await server.lastCode(email) } });
    await waitFor(() => expect(done).toHaveLength(1));
    expect(gatehouse.session?.id).toBe(done[0]);
    expect(gatehouse.user?.id).toBe(userId);
  });
});
