/**
 * Credential stuffing: an attacker holding a leaked email and password signs in from a fresh
 * client (a new cookie jar each time, as stuffing bots do). Client Trust stops the password
 * alone from opening a session there: the sign-in moves to `needs_client_trust` and wants a
 * code mailed to the account's address. The owner passes it once per client; a client where
 * they already had a session (sign-up included) is trusted for as long as it lives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, jwtPayload } from '../backend-api/expect-error.ts';
import { createUser, mintToken, PASSWORD, passClientTrust, signIn, signUp } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { guess, signOut } from './attacker.ts';

let server: TestServer;
let trustOff: TestServer;
beforeAll(async () => {
  [server, trustOff] = await Promise.all([
    startServer({
      settings: {
        auth: { email_address: { sign_in_with_code: true } },
        attack_protection: { rate_limits: { enabled: false } },
      },
    }),
    startServer({ settings: { attack_protection: { client_trust: { enabled: false } } } }),
  ]);
});
afterAll(() => Promise.all([server.close(), trustOff.close()]));

const sessionsOf = async (s: TestServer, userId: string) =>
  (await s.backend.get(`/v1/sessions?user_id=${userId}`)).body as unknown[];

describe('a right password from a client the user never had a session on', () => {
  it('needs client trust: an email code, and no session until it is given', async () => {
    const { email, userId } = await createUser(server);
    const attacker = server.browser();
    const r = await guess(server, email, PASSWORD, attacker);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.response).toMatchObject({
      status: 'needs_client_trust',
      created_session_id: null,
      first_factor_verification: { status: 'verified', strategy: 'password' },
      supported_second_factors: [
        { strategy: 'email_code', safe_identifier: `${email[0]}***@example.com`, primary: true },
      ],
    });
    expect(await sessionsOf(server, userId)).toEqual([]);
    expect(r.body.client.sessions).toEqual([]);
  });

  it('cannot be completed without the mailed code: guesses fail, then the code is spent', async () => {
    const { email, userId } = await createUser(server);
    const attacker = server.browser();
    const id = (await guess(server, email, PASSWORD, attacker)).body.response.id;
    const prepared = await attacker.post(`/v1/client/sign_ins/${id}/prepare_second_factor`, { strategy: 'email_code' });
    expect(prepared.body.response.second_factor_verification).toMatchObject({
      status: 'unverified',
      strategy: 'email_code',
    });
    for (const code of ['111111', '222222'])
      expectError(
        await attacker.post(`/v1/client/sign_ins/${id}/attempt_second_factor`, { strategy: 'email_code', code }),
        'form_code_incorrect',
      );
    await attacker.post(`/v1/client/sign_ins/${id}/attempt_second_factor`, { strategy: 'email_code', code: '333333' });
    const mailed = /\b(\d{6})\b/.exec((await server.lastDevEmail(email)).text)![1];
    expectError(
      await attacker.post(`/v1/client/sign_ins/${id}/attempt_second_factor`, { strategy: 'email_code', code: mailed }),
      'verification_failed',
    );
    expect(await sessionsOf(server, userId)).toEqual([]);
  });

  it('refuses the code step before the password, and the password again after it', async () => {
    const { email } = await createUser(server);
    const browser = server.browser();
    const started = await browser.post('/v1/client/sign_ins', { identifier: email });
    expectError(
      await browser.post(`/v1/client/sign_ins/${started.body.response.id}/prepare_second_factor`, {
        strategy: 'email_code',
      }),
      'sign_in_invalid_status',
    );
    const r = await guess(server, email, PASSWORD, browser);
    expectError(
      await browser.post(`/v1/client/sign_ins/${r.body.response.id}/attempt_first_factor`, {
        strategy: 'password',
        password: PASSWORD,
      }),
      'sign_in_invalid_status',
    );
    expectError(
      await browser.post(`/v1/client/sign_ins/${r.body.response.id}/prepare_second_factor`, { strategy: 'phone_code' }),
      'strategy_not_allowed',
    );
  });
});

describe('the owner', () => {
  it('passes with the code, and that client is trusted afterwards: password alone next time', async () => {
    const { email } = await createUser(server);
    const browser = server.browser();
    const first = await guess(server, email, PASSWORD, browser);
    const done = await passClientTrust(browser, first.body.response.id, email);
    expect(done.body.response).toMatchObject({
      status: 'complete',
      second_factor_verification: { status: 'verified', strategy: 'email_code' },
    });
    // The code vouches for the device, not a second factor: the user has none (fva second -1).
    const sessionId = done.body.response.created_session_id;
    const token = await mintToken(browser, sessionId);
    expect(token.status, JSON.stringify(token.body)).toBe(200);
    expect(jwtPayload(token.body.jwt).fva).toEqual([0, -1]);
    await signOut(browser, sessionId);

    const again = await guess(server, email, PASSWORD, browser);
    expect(again.body.response.status).toBe('complete');
  });

  it('is trusted on the client they signed up on', async () => {
    const browser = server.browser();
    const { email, sessionId } = await signUp(server, browser);
    await signOut(browser, sessionId);
    expect((await guess(server, email, PASSWORD, browser)).body.response.status).toBe('complete');
  });

  it('trust belongs to one user: a client trusted for one account is fresh for another', async () => {
    const alice = await createUser(server);
    const bob = await createUser(server);
    const browser = server.browser();
    const { sessionId } = await signIn(browser, alice.email);
    await signOut(browser, sessionId);
    expect((await guess(server, bob.email, PASSWORD, browser)).body.response.status).toBe('needs_client_trust');
  });

  it('signs in identifier-first too: attempt_first_factor moves to needs_client_trust', async () => {
    const { email } = await createUser(server);
    const browser = server.browser();
    const started = await browser.post('/v1/client/sign_ins', { identifier: email });
    const r = await browser.post(`/v1/client/sign_ins/${started.body.response.id}/attempt_first_factor`, {
      strategy: 'password',
      password: PASSWORD,
    });
    expect(r.body.response.status).toBe('needs_client_trust');
    expect((await passClientTrust(browser, r.body.response.id, email)).body.response.status).toBe('complete');
  });
});

describe('passwordless sign-in', () => {
  it('is not asked for client trust: the email code itself proves control of the address', async () => {
    const { email } = await createUser(server);
    const browser = server.browser();
    const started = await browser.post('/v1/client/sign_ins', { identifier: email });
    const id = started.body.response.id;
    expect(started.body.response.supported_first_factors).toContainEqual({
      strategy: 'email_code',
      safe_identifier: `${email[0]}***@example.com`,
    });
    expect(
      (await browser.post(`/v1/client/sign_ins/${id}/prepare_first_factor`, { strategy: 'email_code' })).status,
    ).toBe(200);
    const code = /\b(\d{6})\b/.exec((await server.lastDevEmail(email)).text)![1];
    const r = await browser.post(`/v1/client/sign_ins/${id}/attempt_first_factor`, { strategy: 'email_code', code });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.response).toMatchObject({
      status: 'complete',
      first_factor_verification: { status: 'verified', strategy: 'email_code' },
    });
  });
});

describe('client_trust.enabled = false', () => {
  it('signs in with the password alone on a fresh client', async () => {
    const { email } = await createUser(trustOff);
    const r = await guess(trustOff, email, PASSWORD);
    expect(r.body.response).toMatchObject({ status: 'complete', supported_second_factors: null });
  });
});
