/**
 * Instance setting `auth.multi_factor.required`: a user without a second factor gets a pending
 * session (task `setup-mfa`) that mints no token and reaches only MFA enrolment and sign-out;
 * enrolling a factor makes it active. From sign-up to active session, and at sign-in.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser, signIn, signUp, uniqueEmail } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { enrolTotp, freezeClock } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    settings: { attack_protection: { rate_limits: { enabled: false } }, auth: { multi_factor: { required: true } } },
  });
  freezeClock(server);
});
afterAll(() => server.close());

const sessionOf = async (browser: Browser, id: string) => {
  const client = (await browser.get('/v1/client')).body.response;
  return client.sessions.find((s: { id: string }) => s.id === id);
};

async function expectPending(browser: Browser, sessionId: string) {
  const session = await sessionOf(browser, sessionId);
  expect(session).toMatchObject({ status: 'pending', tasks: [{ key: 'setup-mfa' }] });
  const token = await browser.post(`/v1/client/sessions/${sessionId}/tokens`, {});
  expect(token.status).toBe(401);
  expect(token.body.errors[0]).toMatchObject({ code: 'session_task_pending', meta: { tasks: [{ key: 'setup-mfa' }] } });
  const me = await browser.get('/v1/me');
  expect(me.status).toBe(401);
  expect(me.body.errors[0].code).toBe('session_task_pending');
}

it('the environment tells the components that a second factor is required', async () => {
  const env = await server.browser().get('/v1/environment');
  expect(env.body.user_settings.sign_in.second_factor.required).toBe(true);
  expect(env.body.user_settings.attributes.authenticator_app).toMatchObject({
    enabled: true,
    second_factors: ['totp'],
  });
});

it('from sign-up to active session: pending until TOTP is set up', async () => {
  const browser = server.browser();
  const { sessionId } = await signUp(server, browser, uniqueEmail('mfa-req'));
  await expectPending(browser, sessionId);

  await enrolTotp(server, browser);

  const session = await sessionOf(browser, sessionId);
  expect(session.status).toBe('active');
  expect(session.tasks).toBeUndefined();
  const token = await browser.post(`/v1/client/sessions/${sessionId}/tokens`, {});
  expect(token.status, JSON.stringify(token.body)).toBe(200);
  expect((await browser.get('/v1/me')).status).toBe(200);
});

it('at sign-in: a user without a second factor is signed in pending, and may sign out', async () => {
  const { email } = await createUser(server, uniqueEmail('mfa-req'));
  const browser = server.browser();
  const { sessionId } = await signIn(browser, email);
  await expectPending(browser, sessionId);
  const ended = await browser.post(`/v1/client/sessions/${sessionId}/end`, {});
  expect(ended.status, JSON.stringify(ended.body)).toBe(200);
});
