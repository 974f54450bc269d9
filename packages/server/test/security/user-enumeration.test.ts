/**
 * Strict user-enumeration protection: a sign-in for an address with no account looks exactly
 * like one for a real account until a password is proven, and a wrong password reads the same
 * for both, so the Frontend API never tells a stranger whether an address is registered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, PASSWORD, signIn, uniqueEmail } from '../fixtures/flows.ts';
import type { HttpResult } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    settings: {
      attack_protection: { user_enumeration: { mode: 'strict' }, rate_limits: { enabled: false } },
    },
  });
});
afterAll(() => server.close());

/** A sign-in response without what differs between any two sign-ins (ids, times, the identifier). */
const shape = (r: HttpResult) => {
  const { id: _id, abandon_at: _a, identifier: _i, ...rest } = r.body.response;
  return rest;
};

const startSignIn = (identifier: string) => server.browser().post('/v1/client/sign_ins', { identifier });

async function wrongPasswordError(identifier: string) {
  const browser = server.browser();
  const created = await browser.post('/v1/client/sign_ins', { identifier });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const r = await browser.post(`/v1/client/sign_ins/${created.body.response.id}/attempt_first_factor`, {
    strategy: 'password',
    password: 'not the password',
  });
  return r;
}

describe('strict enumeration mode', () => {
  it('does not answer form_identifier_not_found: an unknown address gets needs_first_factor with password', async () => {
    const unknown = await startSignIn(uniqueEmail('nobody'));
    expect(unknown.status, JSON.stringify(unknown.body)).toBe(200);
    expect(unknown.body.response).toMatchObject({
      status: 'needs_first_factor',
      supported_first_factors: [{ strategy: 'password' }],
      user_data: null,
    });
  });

  it('answers an unknown and a known address with the same sign-in shape', async () => {
    const { email } = await createUser(server);
    const known = await startSignIn(email);
    const unknown = await startSignIn(uniqueEmail('nobody'));
    expect(known.status).toBe(unknown.status);
    expect(shape(unknown)).toEqual(shape(known));
  });

  it('answers a password for an unknown address exactly like a wrong password for a known one', async () => {
    const { email } = await createUser(server);
    const known = await wrongPasswordError(email);
    const unknown = await wrongPasswordError(uniqueEmail('nobody'));

    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({
      code: 'form_password_or_identifier_incorrect',
      message: 'Password or identifier is incorrect. Try again, or use another method.',
      meta: { param_name: 'password' },
    });
    expect(known.status).toBe(unknown.status);
    expect(known.body.errors).toEqual(unknown.body.errors);
  });

  it('answers a one-step sign-in (identifier and password) the same for unknown and known addresses', async () => {
    const { email } = await createUser(server);
    const known = await server.browser().post('/v1/client/sign_ins', { identifier: email, password: 'nope nope nope' });
    const unknown = await server
      .browser()
      .post('/v1/client/sign_ins', { identifier: uniqueEmail('nobody'), password: 'nope nope nope' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].code).toBe('form_password_or_identifier_incorrect');
    expect(known.status).toBe(unknown.status);
    expect(known.body.errors).toEqual(unknown.body.errors);
  });

  it('answers an account without a password like an unknown one', async () => {
    const email = uniqueEmail('nopassword');
    const created = await server.backend.post('/v1/users', { email_address: [email] });
    expect(created.status).toBe(200);
    expect(created.body.password_enabled).toBe(false);

    const noPassword = await startSignIn(email);
    const unknown = await startSignIn(uniqueEmail('nobody'));
    expect(shape(noPassword)).toEqual(shape(unknown));
    const attempt = await wrongPasswordError(email);
    expect(attempt.status).toBe(422);
    expect(attempt.body.errors).toEqual((await wrongPasswordError(uniqueEmail('nobody'))).body.errors);
  });

  it('still signs the real owner in with the right password', async () => {
    const { email } = await createUser(server);
    // Through Client Trust's code step, as on any fresh browser.
    const r = await signIn(server.browser(), email, PASSWORD);
    expect(r.body.response.status).toBe('complete');
  });

  it('reveals the account only after the password is proven: user_data appears on completion', async () => {
    const email = uniqueEmail('named');
    const created = await server.backend.post('/v1/users', {
      email_address: [email],
      password: PASSWORD,
      first_name: 'Grace',
    });
    expect(created.status).toBe(200);
    const browser = server.browser();
    const start = await browser.post('/v1/client/sign_ins', { identifier: email });
    expect(JSON.stringify(start.body.response)).not.toContain('Grace');
    const done = await browser.post(`/v1/client/sign_ins/${start.body.response.id}/attempt_first_factor`, {
      strategy: 'password',
      password: PASSWORD,
    });
    expect(done.body.response.user_data).toMatchObject({ first_name: 'Grace' });
  });
});
