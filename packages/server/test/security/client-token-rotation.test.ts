/**
 * Client tokens rotate whenever the session set changes (sign-up completion, sign-in,
 * sign-out), so a token someone learned or planted before cannot ride the session after
 * (no session fixation). A session belongs to its client: another client cannot use it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, mintToken, PASSWORD, signIn, signUp, uniqueEmail } from '../fixtures/flows.ts';
import type { Browser, Native } from '../fixtures/http-client.ts';
import { codeIn, startServer, type TestServer } from '../fixtures/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ settings: { sessions: { multi_session: { enabled: true } } } });
});
afterAll(() => server.close());

/** A browser that carries only `token` as its `__client` cookie. */
function browserWith(token: string): Browser {
  const b = server.browser();
  b.cookies.set('__client', token);
  return b;
}

/** What the server makes of a lone client token: the client it names, or null. */
const clientFor = async (token: string) => (await browserWith(token).get('/v1/client')).body.response;

function nativeWith(token: string): Native {
  const n = server.native();
  n.token = token;
  return n;
}

describe('browser client tokens', () => {
  it('rotate on sign-up completion; the pre-sign-up token no longer authenticates', async () => {
    const browser = server.browser();
    const email = uniqueEmail('rot-signup');
    const created = await browser.post('/v1/client/sign_ups', { email_address: email, password: PASSWORD });
    const id = created.body.response.id;
    await browser.post(`/v1/client/sign_ups/${id}/prepare_verification`, { strategy: 'email_code' });
    const before = browser.clientToken!;
    expect((await clientFor(before))?.sign_up?.id).toBe(id);

    const code = codeIn(await server.lastDevEmail(email));
    const done = await browser.post(`/v1/client/sign_ups/${id}/attempt_verification`, { strategy: 'email_code', code });
    expect(done.body.response.status).toBe('complete');
    const after = browser.clientToken!;
    expect(after).not.toBe(before);
    // Same client, new secret.
    expect(after.split('.')[0]).toBe(before.split('.')[0]);

    expect(await clientFor(before)).toBeNull();
    expect((await clientFor(after))?.last_active_session_id).toBe(done.body.response.created_session_id);
    const stale = browserWith(before);
    const minted = await mintToken(stale, done.body.response.created_session_id);
    expect(minted.status).toBe(401);
    expect(minted.body.errors[0].code).toBe('signed_out');
  });

  it('rotate on sign-in, so a token planted before sign-in cannot ride the new session (no fixation)', async () => {
    const { email } = await createUser(server);
    // The attacker makes a client and plants its token in the victim's browser.
    const attacker = server.browser();
    await attacker.post('/v1/client');
    const planted = attacker.clientToken!;
    expect(await clientFor(planted)).not.toBeNull();

    const victim = browserWith(planted);
    const { sessionId } = await signIn(victim, email);
    expect(victim.clientToken).not.toBe(planted);

    expect(await clientFor(planted)).toBeNull();
    const ride = await mintToken(attacker, sessionId);
    expect(ride.status).toBe(401);
    expect(ride.body.errors[0].code).toBe('signed_out');
    expect((await attacker.get('/v1/me')).status).toBe(401);
    expect((await mintToken(victim, sessionId)).status).toBe(200);
  });

  it('rotate on sign-out; the signed-in token no longer authenticates', async () => {
    const browser = server.browser();
    const { sessionId } = await signUp(server, browser);
    const signedIn = browser.clientToken!;

    const ended = await browser.post(`/v1/client/sessions/${sessionId}/end`);
    expect(ended.status).toBe(200);
    expect(browser.clientToken).not.toBe(signedIn);
    expect(await clientFor(signedIn)).toBeNull();
    expect((await clientFor(browser.clientToken!))?.sessions).toEqual([]);
  });

  it('DELETE /v1/client/sessions ends every session of the client and rotates its token', async () => {
    const browser = server.browser();
    const first = await signUp(server, browser);
    const { email } = await createUser(server);
    const second = await signIn(browser, email);
    expect((await browser.get('/v1/client')).body.response.sessions).toHaveLength(2);
    const signedIn = browser.clientToken!;

    const r = await browser.delete('/v1/client/sessions');
    expect(r.status).toBe(200);
    expect(r.body.response.sessions).toEqual([]);
    expect(r.body.response.last_active_session_id).toBeNull();
    expect(browser.clientToken).not.toBe(signedIn);
    expect(browser.cookies.get('__client_uat')).toBe('0');
    expect(await clientFor(signedIn)).toBeNull();
    for (const id of [first.sessionId, second.sessionId]) {
      expect((await server.backend.get(`/v1/sessions/${id}`)).body.status).toBe('ended');
      expect((await mintToken(browser, id)).body.errors[0].code).toBe('session_not_active');
    }
  });

  it('ignore forged and malformed client tokens: no client, no error', async () => {
    const browser = server.browser();
    await signUp(server, browser);
    const [clientId] = browser.clientToken!.split('.');
    for (const forged of [`${clientId}.${'A'.repeat(43)}`, clientId!, 'garbage', `${browser.clientToken}x`]) {
      const r = await browserWith(forged).get('/v1/client');
      expect(r.status).toBe(200);
      expect(r.body.response).toBeNull();
    }
  });
});

describe('native (Bearer) client tokens', () => {
  it('come back rotated in the Authorization header on sign-up; the old bearer token stops working', async () => {
    const app = server.native();
    const email = uniqueEmail('native');
    const created = await app.request('POST', '/v1/client/sign_ups', { email_address: email, password: PASSWORD });
    expect(created.status).toBe(200);
    expect(created.headers.get('set-cookie')).toBeNull();
    const first = app.token!;
    expect(first).toMatch(/^client_/);
    const id = created.body.response.id;
    await app.request('POST', `/v1/client/sign_ups/${id}/prepare_verification`, { strategy: 'email_code' });
    const code = codeIn(await server.lastDevEmail(email));
    const done = await app.request('POST', `/v1/client/sign_ups/${id}/attempt_verification`, {
      strategy: 'email_code',
      code,
    });
    expect(done.body.response.status).toBe('complete');
    expect(done.headers.get('authorization')).toBe(app.token);
    expect(app.token).not.toBe(first);

    const stale = await nativeWith(first).request('GET', '/v1/client');
    expect(stale.body.response).toBeNull();
    const current = await app.request('GET', '/v1/client');
    expect(current.body.response.last_active_session_id).toBe(done.body.response.created_session_id);
  });

  it('rotate on sign-out and sign-in; each previous bearer token stops working', async () => {
    const { email } = await createUser(server);
    const app = server.native();
    // The first sign-in on this app passes Client Trust (an email code); the second, on the
    // now trusted client, needs the password alone.
    const { sessionId } = await signIn(app, email);
    const t1 = app.token!;

    await app.request('POST', `/v1/client/sessions/${sessionId}/end`, {});
    const t2 = app.token!;
    expect(t2).not.toBe(t1);
    const again = await app.request('POST', '/v1/client/sign_ins', { identifier: email, password: PASSWORD });
    expect(again.body.response.status).toBe('complete');
    const t3 = app.token!;
    expect(t3).not.toBe(t2);

    for (const old of [t1, t2]) expect((await nativeWith(old).request('GET', '/v1/client')).body.response).toBeNull();
    const newSession = again.body.response.created_session_id;
    const stale = await nativeWith(t2).request('POST', `/v1/client/sessions/${newSession}/tokens`, {});
    expect(stale.status, JSON.stringify(stale.body)).toBe(401);
    expect(stale.body.errors[0].code).toBe('signed_out');
    expect((await app.request('POST', `/v1/client/sessions/${newSession}/tokens`, {})).status).toBe(200);
  });
});

describe('sessions belong to their client', () => {
  it('another client cannot mint, read, touch or end them: session_not_found', async () => {
    const a = server.browser();
    const { sessionId } = await signUp(server, a);
    const b = server.browser();
    await signUp(server, b);

    const minted = await mintToken(b, sessionId);
    expect(minted.status).toBe(404);
    expect(minted.body.errors[0]).toMatchObject({
      code: 'session_not_found',
      message: 'The session was not found.',
    });
    expect(JSON.stringify(minted.body)).not.toContain('"jwt"');
    for (const [method, path] of [
      ['GET', `/v1/client/sessions/${sessionId}`],
      ['POST', `/v1/client/sessions/${sessionId}/touch`],
      ['POST', `/v1/client/sessions/${sessionId}/end`],
      ['POST', `/v1/client/sessions/${sessionId}/remove`],
    ] as const) {
      const r = await b.request(method, path, method === 'POST' ? {} : undefined);
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body.errors[0].code).toBe('session_not_found');
    }
    const me = await b.get(`/v1/me?_clerk_session_id=${sessionId}`);
    expect(me.status).toBe(401);
    expect(me.body.errors[0].code).toBe('signed_out');

    expect((await server.backend.get(`/v1/sessions/${sessionId}`)).body.status).toBe('active');
    expect((await mintToken(a, sessionId)).status).toBe(200);
  });

  it('a native client cannot use a browser client’s session', async () => {
    const browser = server.browser();
    const { sessionId } = await signUp(server, browser);
    const app = server.native();
    await app.request('POST', '/v1/client');
    const r = await app.request('POST', `/v1/client/sessions/${sessionId}/tokens`, {});
    expect(r.status, JSON.stringify(r.body)).toBe(404);
    expect(r.body.errors[0].code).toBe('session_not_found');
  });
});
