/**
 * Logs hold no secrets: after a sign-up with an email code, a wrong and a right password, a
 * session token, a native (Bearer) client and Backend API calls, none of the password, the code,
 * any client token, the JWT or the secret key appears anywhere in the captured log output, while
 * the request lines themselves are there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken, uniqueEmail } from '../fixtures/flows.ts';
import { codeIn, startServer, type TestServer } from '../fixtures/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

interface LogLine {
  msg?: string;
  req?: { method: string; url: string };
  res?: { statusCode: number };
}

const parsed = (): LogLine[] =>
  server.logs
    .join('')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as LogLine);

describe('logs', () => {
  it('contain no password, code, client token, JWT or secret key after a full set of flows', async () => {
    const secrets = new Map<string, string>();
    const password = `Pw-${Math.random().toString(36).slice(2)}-unlogged`;
    const wrongPassword = `Wrong-${Math.random().toString(36).slice(2)}-guess`;
    secrets.set('password', password);
    secrets.set('wrong password', wrongPassword);
    secrets.set('secret key', server.secretKey);
    const email = uniqueEmail('logs');

    const browser = server.browser();
    const keepClientToken = () => secrets.set(`client token ${secrets.size}`, browser.clientToken!);
    const created = await browser.post('/v1/client/sign_ups', { email_address: email, password });
    expect(created.status).toBe(200);
    keepClientToken();
    const id = created.body.response.id;
    await browser.post(`/v1/client/sign_ups/${id}/prepare_verification`, { strategy: 'email_code' });
    const code = codeIn(await server.lastDevEmail(email));
    secrets.set('code', code);
    const done = await browser.post(`/v1/client/sign_ups/${id}/attempt_verification`, { strategy: 'email_code', code });
    expect(done.body.response.status).toBe('complete');
    keepClientToken();
    const userId = done.body.response.created_user_id;

    await browser.delete('/v1/client/sessions');
    keepClientToken();
    const wrong = await browser.post('/v1/client/sign_ins', { identifier: email, password: wrongPassword });
    expect(wrong.status).toBe(422);
    const signedIn = await browser.post('/v1/client/sign_ins', { identifier: email, password });
    expect(signedIn.body.response.status).toBe('complete');
    keepClientToken();
    const sessionId = signedIn.body.response.created_session_id;

    // The session id in a query string is logged by name only; the JWT never.
    const token = await browser.request(
      'POST',
      `/v1/client/sessions/${sessionId}/tokens?_clerk_session_id=${sessionId}`,
      {},
    );
    expect(token.status).toBe(200);
    secrets.set('jwt', token.body.jwt);
    secrets.set('jwt signature', token.body.jwt.split('.')[2]);
    expect((await mintToken(browser, sessionId)).status).toBe(200);

    const app = server.native();
    await app.request('POST', '/v1/client');
    secrets.set('bearer client token', app.token!);
    expect((await app.request('GET', '/v1/client')).status).toBe(200);

    expect((await server.backend.get(`/v1/users/${userId}`)).status).toBe(200);
    const backendToken = await server.backend.post(`/v1/sessions/${sessionId}/tokens`);
    secrets.set('backend jwt', backendToken.body.jwt);
    expect((await server.backend.post('/v1/clients/verify', { token: browser.clientToken })).status).toBe(200);

    const output = server.logs.join('');
    for (const [what, value] of secrets) {
      expect(value.length, what).toBeGreaterThanOrEqual(6);
      expect(output.includes(value), `${what} appears in the logs`).toBe(false);
    }
    // The secret part of the client token (after the client id) is what must never leak.
    for (const [what, value] of secrets)
      if (what.includes('client token')) expect(output.includes(value.split('.')[1]!), what).toBe(false);

    const lines = parsed();
    const requestUrls = lines.filter((l) => l.req).map((l) => l.req!.url);
    expect(requestUrls).toContain('/v1/client/sign_ins');
    expect(requestUrls).toContain(`/v1/users/${userId}`);
    expect(requestUrls).toContain(`/v1/client/sessions/${sessionId}/tokens?_clerk_session_id=…`);
    expect(lines.some((l) => l.res?.statusCode === 200)).toBe(true);
    expect(lines.some((l) => l.msg === 'email kept in the dev mailbox')).toBe(true);
  });

  it('do not echo a refused secret key or a forged client token either', async () => {
    const forgedKey = `sk_test_${'x'.repeat(40)}`;
    const r = await fetch(`${server.url}/v1/users`, { headers: { authorization: `Bearer ${forgedKey}` } });
    expect(r.status).toBe(401);
    const forgedClient = `client_${'A'.repeat(22)}.${'B'.repeat(43)}`;
    const b = server.browser();
    b.cookies.set('__client', forgedClient);
    expect((await b.get('/v1/client')).status).toBe(200);

    const output = server.logs.join('');
    expect(output).not.toContain(forgedKey);
    expect(output).not.toContain('B'.repeat(43));
    expect(parsed().some((l) => l.req?.url === '/v1/users')).toBe(true);
  });
});
