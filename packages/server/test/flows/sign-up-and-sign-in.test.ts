/**
 * The whole flow over HTTP: sign-up with an email code, session token verified against the
 * JWKS with jose, sign-out, sign-in (one step and identifier-first), and the refusals after.
 */
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken, PASSWORD, signIn, signUp, uniqueEmail } from '../fixtures/flows.ts';
import { codeIn, startServer, type TestServer } from '../fixtures/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('sign-up with an email code', () => {
  it('moves from missing_requirements to complete and signs the new user in', async () => {
    const browser = server.browser();
    const email = uniqueEmail('signup');
    const created = await browser.post('/v1/client/sign_ups', {
      email_address: email,
      password: PASSWORD,
      first_name: 'Ada',
    });
    expect(created.status).toBe(200);
    const signUp = created.body.response;
    expect(signUp).toMatchObject({
      object: 'sign_up_attempt',
      status: 'missing_requirements',
      email_address: email,
      first_name: 'Ada',
      missing_fields: [],
      unverified_fields: ['email_address'],
      password_enabled: true,
      verifications: { email_address: { status: 'unverified', next_action: 'needs_prepare' } },
    });
    expect(created.body.client.sign_up.id).toBe(signUp.id);
    expect(browser.clientToken).toMatch(/^client_/);

    const prepared = await browser.post(`/v1/client/sign_ups/${signUp.id}/prepare_verification`, {
      strategy: 'email_code',
    });
    expect(prepared.body.response.verifications.email_address).toMatchObject({
      status: 'unverified',
      strategy: 'email_code',
      next_action: 'needs_attempt',
    });
    const mail = await server.lastDevEmail(email);
    expect(mail.subject).toMatch(/verification code/);
    const code = codeIn(mail);

    const attempted = await browser.post(`/v1/client/sign_ups/${signUp.id}/attempt_verification`, {
      strategy: 'email_code',
      code,
    });
    expect(attempted.status).toBe(200);
    const done = attempted.body.response;
    expect(done.status).toBe('complete');
    expect(done.created_user_id).toMatch(/^user_/);
    expect(done.created_session_id).toMatch(/^sess_/);
    expect(attempted.body.client.last_active_session_id).toBe(done.created_session_id);
    expect(attempted.body.client.sessions[0].user.email_addresses[0]).toMatchObject({
      email_address: email,
      verification: { status: 'verified', strategy: 'email_code' },
    });

    const user = await server.backend.get(`/v1/users/${done.created_user_id}`);
    expect(user.body).toMatchObject({
      object: 'user',
      first_name: 'Ada',
      password_enabled: true,
      private_metadata: {},
    });
    expect(JSON.stringify(user.body)).not.toMatch(/argon2|password_digest/);
  });

  it('refuses a wrong code with form_code_incorrect and keeps the sign-up open', async () => {
    const browser = server.browser();
    const email = uniqueEmail('wrongcode');
    const created = await browser.post('/v1/client/sign_ups', { email_address: email, password: PASSWORD });
    const id = created.body.response.id;
    await browser.post(`/v1/client/sign_ups/${id}/prepare_verification`, { strategy: 'email_code' });
    const code = codeIn(await server.lastDevEmail(email));
    const wrong = code === '000000' ? '000001' : '000000';
    const r = await browser.post(`/v1/client/sign_ups/${id}/attempt_verification`, {
      strategy: 'email_code',
      code: wrong,
    });
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({
      code: 'form_code_incorrect',
      message: 'Incorrect code.',
      meta: { param_name: 'code', attempts_remaining: 2 },
    });
    const ok = await browser.post(`/v1/client/sign_ups/${id}/attempt_verification`, { strategy: 'email_code', code });
    expect(ok.body.response.status).toBe('complete');
  });

  it('refuses an address that already has an account', async () => {
    const first = await signUp(server, server.browser());
    const r = await server
      .browser()
      .post('/v1/client/sign_ups', { email_address: first.email.toUpperCase(), password: PASSWORD });
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ code: 'form_identifier_exists', meta: { param_name: 'email_address' } });
  });

  it('refuses a short password before hashing anything', async () => {
    const r = await server.browser().post('/v1/client/sign_ups', { email_address: uniqueEmail(), password: 'short' });
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({
      code: 'form_password_length_too_short',
      meta: { param_name: 'password', min_length: 8 },
    });
  });
});

describe('session tokens', () => {
  it('are ES256 JWTs valid 60 seconds that verify against the JWKS', async () => {
    const browser = server.browser({ origin: 'http://localhost:5173' });
    const { sessionId, userId } = await signUp(server, browser);
    const r = await mintToken(browser, sessionId);
    expect(r.status).toBe(200);
    expect(r.body.object).toBe('token');
    const jwks = createRemoteJWKSet(new URL(`${server.url}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(r.body.jwt, jwks, { issuer: server.url });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload).toMatchObject({ sub: userId, sid: sessionId, azp: 'http://localhost:5173', v: 2, fva: [0, -1] });
    expect(payload.exp! - payload.iat!).toBe(60);
    expect(payload.nbf).toBeLessThanOrEqual(payload.iat!);

    const bapiJwks = await server.backend.get('/v1/jwks');
    expect(bapiJwks.body.keys.map((k: { kid: string }) => k.kid)).toContain(decodeProtectedHeader(r.body.jwt).kid);
  });

  it('can be minted by a bare POST with no body and no content type (curl, native apps)', async () => {
    const browser = server.browser({ origin: null });
    const { sessionId } = await signUp(server, browser);
    const r = await fetch(`${server.url}/v1/client/sessions/${sessionId}/tokens`, {
      method: 'POST',
      headers: { cookie: `__client=${browser.clientToken}` },
    });
    expect(r.status).toBe(200);
    expect((await r.json()).object).toBe('token');
  });

  it('omit azp when no browser origin asked', async () => {
    const browser = server.browser({ origin: null });
    const { sessionId } = await signUp(server, browser);
    const r = await mintToken(browser, sessionId);
    const [, body] = r.body.jwt.split('.');
    expect(JSON.parse(Buffer.from(body, 'base64url').toString())).not.toHaveProperty('azp');
  });
});

describe('sign-out and sign-in', () => {
  it('ends the session, refuses new tokens, and signs in again with a new session', async () => {
    const browser = server.browser();
    const { email, sessionId } = await signUp(server, browser);
    const ended = await browser.post(`/v1/client/sessions/${sessionId}/end`);
    expect(ended.status).toBe(200);
    expect(ended.body.response.status).toBe('ended');
    expect(ended.body.client.sessions).toEqual([]);
    expect(browser.cookies.get('__client_uat')).toBe('0');

    const refused = await mintToken(browser, sessionId);
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0]).toMatchObject({ code: 'session_not_active', meta: { status: 'ended' } });

    const again = await signIn(browser, email);
    expect(again.sessionId).not.toBe(sessionId);
    expect((await mintToken(browser, again.sessionId)).status).toBe(200);
  });

  it('works identifier-first: needs_first_factor, then attempt_first_factor with the password', async () => {
    const browser = server.browser();
    const { email } = await signUp(server, browser);
    await browser.delete('/v1/client/sessions');

    const created = await browser.post('/v1/client/sign_ins', { identifier: email });
    expect(created.body.response).toMatchObject({
      object: 'sign_in_attempt',
      status: 'needs_first_factor',
      identifier: email,
      supported_first_factors: [{ strategy: 'password' }],
      user_data: null,
    });
    const id = created.body.response.id;
    const wrong = await browser.post(`/v1/client/sign_ins/${id}/attempt_first_factor`, {
      strategy: 'password',
      password: 'not the password',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]).toMatchObject({ code: 'form_password_incorrect', meta: { param_name: 'password' } });

    const right = await browser.post(`/v1/client/sign_ins/${id}/attempt_first_factor`, {
      strategy: 'password',
      password: PASSWORD,
    });
    expect(right.body.response.status).toBe('complete');
    expect(right.body.client.last_active_session_id).toBe(right.body.response.created_session_id);
  });

  it('answers form_identifier_not_found for an unknown address', async () => {
    const r = await server
      .browser()
      .post('/v1/client/sign_ins', { identifier: uniqueEmail('nobody'), password: PASSWORD });
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({
      code: 'form_identifier_not_found',
      message: "Couldn't find your account.",
    });
  });

  it('refuses a second sign-in on a signed-in client in single-session mode', async () => {
    const browser = server.browser();
    const { email } = await signUp(server, browser);
    const r = await browser.post('/v1/client/sign_ins', { identifier: email, password: PASSWORD });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].code).toBe('session_exists');
  });
});
