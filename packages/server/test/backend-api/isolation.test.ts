/**
 * Two instances in one deployment: each secret key sees only its own instance's users,
 * sessions and clients; the Frontend API picks the instance from the Host header; with more
 * than one instance, a Host no instance serves is refused.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstance } from '../../src/services/instance-admin.ts';
import { createUser, mintToken, PASSWORD, signIn, uniqueEmail } from '../fixtures/flows.ts';
import { Backend, Browser, type HttpResult } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { expectError } from './expect-error.ts';

let server: TestServer;
let port: string;
beforeAll(async () => {
  server = await startServer();
  port = new URL(server.url).port;
});
afterAll(() => server.close());

/** A GET with a Host header of our choosing (fetch does not let us set one). */
function getWithHost(host: string, path: string): Promise<Pick<HttpResult, 'status' | 'body'>> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: Number(port), path, headers: { host } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const environmentId = (body: { auth_config: { id: string } }) => body.auth_config.id.replace(/^aac_/, '');

it('with one instance, serves the Frontend API on any Host', async () => {
  const r = await getWithHost('anything.example:1234', '/v1/environment');
  expect(r.status).toBe(200);
  expect(environmentId(r.body)).toBe(server.instance.id);
});

describe('with two instances', () => {
  let b: { id: string; backend: Backend; url: string };
  beforeAll(async () => {
    const created = await createInstance(server.deps, {
      name: 'Second',
      environment: 'development',
      frontendApiUrl: `http://127.0.0.1:${port}`,
      // B's mail is not in the test server's (A's) dev mailbox, which the sign-in helper reads
      // to pass Client Trust; this file is about isolation, so B signs in with the password alone.
      settings: { application_name: 'Instance B', attack_protection: { client_trust: { enabled: false } } },
    });
    const url = `http://127.0.0.1:${port}`;
    b = { id: created.instance.id, backend: new Backend(url, created.secretKey), url };
  });
  const browserB = () => new Browser(b.url);

  it('gives each secret key its own instance', async () => {
    const a = await server.backend.get('/v1/instance');
    const other = await b.backend.get('/v1/instance');
    expect(a.body.id).toBe(server.instance.id);
    expect(other.body).toMatchObject({ id: b.id, name: 'Second', frontend_api_url: b.url });
    expect(other.body.settings.application_name).toBe('Instance B');
    expect(Buffer.from(other.body.publishable_key.slice(8), 'base64').toString()).toBe(`127.0.0.1:${port}$`);
    expect(other.body.publishable_key).not.toBe(a.body.publishable_key);
  });

  it('shows each key only its own users, even with the same address in both', async () => {
    const email = uniqueEmail('both');
    const inA = await createUser(server, email);
    const r = await b.backend.post('/v1/users', { email_address: [email], password: PASSWORD });
    expect(r.status).toBe(200);
    const inB = r.body.id as string;
    expect(inB).not.toBe(inA.userId);

    const listA = (await server.backend.get('/v1/users?limit=500')).body.map((u: { id: string }) => u.id);
    const listB = (await b.backend.get('/v1/users?limit=500')).body.map((u: { id: string }) => u.id);
    expect(listA).toContain(inA.userId);
    expect(listA).not.toContain(inB);
    expect(listB).toEqual([inB]);
    expect((await b.backend.get('/v1/users/count')).body.total_count).toBe(1);
    expect((await b.backend.get(`/v1/users?query=${email}`)).body.map((u: { id: string }) => u.id)).toEqual([inB]);

    expectError(await b.backend.get(`/v1/users/${inA.userId}`), 'user_not_found');
    expectError(await server.backend.get(`/v1/users/${inB}`), 'user_not_found');
    expectError(await b.backend.patch(`/v1/users/${inA.userId}`, { first_name: 'X' }), 'user_not_found');
    expectError(await b.backend.post(`/v1/users/${inA.userId}/ban`), 'user_not_found');
    expectError(await b.backend.delete(`/v1/users/${inA.userId}`), 'user_not_found');
    expect((await server.backend.get(`/v1/users/${inA.userId}`)).body).toMatchObject({
      banned: false,
      first_name: null,
    });
  });

  it('routes the Frontend API by Host: 127.0.0.1 reaches B, localhost reaches A', async () => {
    const envB = await browserB().get('/v1/environment');
    expect(envB.status).toBe(200);
    expect(environmentId(envB.body)).toBe(b.id);
    expect(envB.body.display_config.application_name).toBe('Instance B');
    const envA = await server.browser().get('/v1/environment');
    expect(environmentId(envA.body)).toBe(server.instance.id);
  });

  it('signs a B user in on B only, with B’s issuer and keys', async () => {
    const email = uniqueEmail('bonly');
    expect((await b.backend.post('/v1/users', { email_address: [email], password: PASSWORD })).status).toBe(200);

    const onA = await server.browser().post('/v1/client/sign_ins', { identifier: email, password: PASSWORD });
    expectError(onA, 'form_identifier_not_found');

    const browser = browserB();
    const { sessionId } = await signIn(browser, email);
    const token = await mintToken(browser, sessionId);
    expect(token.status).toBe(200);
    const payload = JSON.parse(Buffer.from(token.body.jwt.split('.')[1], 'base64url').toString());
    expect(payload.iss).toBe(b.url);
    const header = JSON.parse(Buffer.from(token.body.jwt.split('.')[0], 'base64url').toString());
    const kidsB = (await b.backend.get('/v1/jwks')).body.keys.map((k: { kid: string }) => k.kid);
    const kidsA = (await server.backend.get('/v1/jwks')).body.keys.map((k: { kid: string }) => k.kid);
    expect(kidsB).toContain(header.kid);
    expect(kidsA).not.toContain(header.kid);

    // B's session and client are invisible to A's key.
    expect((await b.backend.get(`/v1/sessions/${sessionId}`)).body.status).toBe('active');
    expectError(await server.backend.get(`/v1/sessions/${sessionId}`), 'session_not_found');
    expectError(await server.backend.post(`/v1/sessions/${sessionId}/revoke`), 'session_not_found');
    expectError(await server.backend.post(`/v1/sessions/${sessionId}/tokens`), 'session_not_found');
    expect((await server.backend.get(`/v1/sessions?limit=500`)).body.map((s: { id: string }) => s.id)).not.toContain(
      sessionId,
    );
    const verifiedOnB = await b.backend.post('/v1/clients/verify', { token: browser.clientToken });
    expect(verifiedOnB.body.session_ids).toEqual([sessionId]);
    expectError(
      await server.backend.post('/v1/clients/verify', { token: browser.clientToken }),
      'client_token_invalid',
    );
    expectError(await server.backend.get(`/v1/clients/${verifiedOnB.body.id}`), 'resource_not_found');

    // B's client cookie means nothing to A's Frontend API.
    const foreign = new Browser(server.url);
    for (const [k, v] of browser.cookies) foreign.cookies.set(k, v);
    expectError(await mintToken(foreign, sessionId), 'signed_out');
    expect((await mintToken(browser, sessionId)).status).toBe(200);
  });

  it('keeps dev mailboxes apart', async () => {
    const mails = (await b.backend.get('/v1/dev/emails?limit=500')).body as Array<{ to: string }>;
    const emailA = uniqueEmail('mail-a');
    const browser = server.browser();
    const created = await browser.post('/v1/client/sign_ups', { email_address: emailA, password: PASSWORD });
    await browser.post(`/v1/client/sign_ups/${created.body.response.id}/prepare_verification`, {
      strategy: 'email_code',
    });
    expect((await server.lastDevEmail(emailA)).subject).toMatch(/verification code/);
    const after = (await b.backend.get('/v1/dev/emails?limit=500')).body as Array<{ to: string }>;
    expect(after).toEqual(mails);
    expect((await b.backend.get(`/v1/dev/emails?to=${encodeURIComponent(emailA)}`)).body).toEqual([]);
  });

  it('refuses a Host no instance serves with 404 instance_not_found', async () => {
    const r = await getWithHost('unknown.example:1234', '/v1/environment');
    expect(r.status).toBe(404);
    expect(r.body.errors[0]).toMatchObject({
      code: 'instance_not_found',
      message: 'No instance serves this host.',
      meta: { host: 'unknown.example:1234' },
    });
    // A's own host and B's still work.
    expect((await getWithHost(`localhost:${port}`, '/v1/environment')).status).toBe(200);
    expect(environmentId((await getWithHost(`127.0.0.1:${port}`, '/v1/environment')).body)).toBe(b.id);
  });

  it('revokes a key of one instance without touching the other', async () => {
    const created = await b.backend.post('/v1/secret_keys', { name: 'b-extra' });
    expectError(await server.backend.delete(`/v1/secret_keys/${created.body.id}`), 'secret_key_not_found');
    expect((await server.backend.get('/v1/secret_keys')).body.map((k: { id: string }) => k.id)).not.toContain(
      created.body.id,
    );
    expect((await new Backend(server.url, created.body.secret).get('/v1/instance')).body.id).toBe(b.id);
  });
});
