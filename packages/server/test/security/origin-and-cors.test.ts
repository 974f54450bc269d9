/**
 * Origins and CORS: a state-changing request from an origin the instance does not allow is
 * refused with `origin_invalid` and gets no CORS headers; allowed origins get credentialed CORS
 * and appear as `azp` in session tokens. Development instances allow loopback origins; a
 * production instance allows only its own origin and `allowed_origins`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, mintToken, PASSWORD, signIn, signUp, uniqueEmail } from '../fixtures/flows.ts';
import type { HttpResult } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';

const APP_ORIGIN = 'https://app.example.com';

let dev: TestServer;
let prod: TestServer;
beforeAll(async () => {
  [dev, prod] = await Promise.all([
    startServer(),
    startServer({ environment: 'production', smtp: true, settings: { allowed_origins: [APP_ORIGIN] } }),
  ]);
});
afterAll(() => Promise.all([dev.close(), prod.close()]));

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());

function expectNoCors(r: HttpResult) {
  expect(r.headers.get('access-control-allow-origin')).toBeNull();
  expect(r.headers.get('access-control-allow-credentials')).toBeNull();
  expect(r.headers.get('access-control-allow-methods')).toBeNull();
}

function expectCorsFor(r: HttpResult, origin: string) {
  expect(r.headers.get('access-control-allow-origin')).toBe(origin);
  expect(r.headers.get('access-control-allow-credentials')).toBe('true');
  expect(r.headers.get('vary')).toMatch(/Origin/i);
}

function expectOriginInvalid(r: HttpResult) {
  expect(r.status, JSON.stringify(r.body)).toBe(403);
  expect(r.body.errors[0]).toMatchObject({ code: 'origin_invalid', message: 'The request origin is not allowed.' });
  expectNoCors(r);
  expect(r.headers.getSetCookie()).toEqual([]);
}

const preflight = (server: TestServer, origin: string, path = '/v1/client/sign_ins') =>
  fetch(server.url + path, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
  });

describe('development instance', () => {
  it('refuses a POST from a foreign origin with origin_invalid, no CORS headers and no cookie', async () => {
    const evil = dev.browser({ origin: 'https://evil.example' });
    expectOriginInvalid(
      await evil.post('/v1/client/sign_ups', { email_address: uniqueEmail('evil'), password: PASSWORD }),
    );
    expectOriginInvalid(await evil.post('/v1/client/sign_ins', { identifier: uniqueEmail() }));
    expect(evil.clientToken).toBeUndefined();
  });

  it('refuses cross-site state changes against a signed-in victim (CSRF): sign-out and profile edits', async () => {
    const victim = dev.browser();
    const { sessionId } = await signUp(dev, victim);
    // The attacker's page makes the victim's browser send the victim's cookie.
    const forged = dev.browser({ origin: 'https://evil.example' });
    for (const [k, v] of victim.cookies) forged.cookies.set(k, v);

    expectOriginInvalid(await forged.post(`/v1/client/sessions/${sessionId}/end`));
    expectOriginInvalid(await forged.patch('/v1/me', { first_name: 'Pwned' }));
    expectOriginInvalid(await forged.delete('/v1/client/sessions'));
    expectOriginInvalid(await forged.post(`/v1/client/sessions/${sessionId}/tokens`));
    expect((await dev.backend.get(`/v1/sessions/${sessionId}`)).body.status).toBe('active');
    expect((await victim.get('/v1/me')).body.response.first_name).toBeNull();
  });

  it('refuses look-alike and opaque origins', async () => {
    for (const origin of [
      'http://localhost.evil.example',
      'http://evil.example:5173',
      'null',
      'file://',
      'not a url',
      `${dev.url}.evil.example`,
    ]) {
      const r = await dev.browser({ origin }).post('/v1/client/sign_ins', { identifier: uniqueEmail() });
      expect(r.status, origin).toBe(403);
      expect(r.body.errors[0].code).toBe('origin_invalid');
      expectNoCors(r);
    }
  });

  it('answers GETs from a foreign origin without CORS headers, so the browser hides the response', async () => {
    const r = await dev.browser({ origin: 'https://evil.example' }).get('/v1/environment');
    expect(r.status).toBe(200);
    expectNoCors(r);
  });

  it('echoes an allowed localhost origin with credentials', async () => {
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:8080', 'http://app.localhost:5173']) {
      const r = await dev.browser({ origin }).post('/v1/client/sign_ins', { identifier: uniqueEmail() });
      expect(r.status, origin).toBe(422);
      expect(r.body.errors[0].code).toBe('form_identifier_not_found');
      expectCorsFor(r, origin);
      expect(r.headers.get('access-control-expose-headers')).toMatch(/authorization/i);
    }
  });

  it('answers an OPTIONS preflight from an allowed origin with 204 and the allowed methods and headers', async () => {
    const r = await preflight(dev, 'http://localhost:5173');
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(r.headers.get('access-control-allow-credentials')).toBe('true');
    const methods = r.headers.get('access-control-allow-methods') ?? '';
    for (const m of ['GET', 'POST', 'PATCH', 'DELETE']) expect(methods).toContain(m);
    expect(r.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
    expect(r.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
  });

  it('answers an OPTIONS preflight from a foreign origin with no CORS headers', async () => {
    const r = await preflight(dev, 'https://evil.example');
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    expect(r.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('names the calling origin in the token’s azp', async () => {
    const origin = 'http://localhost:4321';
    const browser = dev.browser({ origin });
    const { sessionId } = await signUp(dev, browser);
    const r = await mintToken(browser, sessionId);
    expect(r.status).toBe(200);
    expect(claims(r.body.jwt).azp).toBe(origin);

    browser.origin = 'http://127.0.0.1:9999';
    expect(claims((await mintToken(browser, sessionId)).body.jwt).azp).toBe('http://127.0.0.1:9999');
  });
});

describe('production instance', () => {
  it('allows only allowed_origins and its own origin', async () => {
    const allowed = await prod
      .browser({ origin: APP_ORIGIN })
      .post('/v1/client/sign_ins', { identifier: uniqueEmail() });
    expect(allowed.status).toBe(422);
    expect(allowed.body.errors[0].code).toBe('form_identifier_not_found');
    expectCorsFor(allowed, APP_ORIGIN);

    const own = new URL(prod.url).origin;
    const self = await prod.browser({ origin: own }).post('/v1/client/sign_ins', { identifier: uniqueEmail() });
    expect(self.status).toBe(422);
    expectCorsFor(self, own);

    for (const origin of [
      'http://localhost:5173',
      'http://127.0.0.1:3000',
      'http://app.example.com',
      'https://app.example.com:8443',
      'https://evil.app.example.com',
      'https://app.example.com.evil.example',
    ]) {
      const r = await prod.browser({ origin }).post('/v1/client/sign_ins', { identifier: uniqueEmail() });
      expect(r.status, origin).toBe(403);
      expect(r.body.errors[0].code).toBe('origin_invalid');
      expectNoCors(r);
    }
  });

  it('answers preflights for allowed origins only', async () => {
    const ok = await preflight(prod, APP_ORIGIN);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    const refused = await preflight(prod, 'http://localhost:5173');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('names the allowed origin in the token’s azp', async () => {
    const { email } = await createUser(prod);
    const browser = prod.browser({ origin: APP_ORIGIN });
    const { sessionId } = await signIn(browser, email);
    const r = await mintToken(browser, sessionId);
    expect(r.status).toBe(200);
    expect(claims(r.body.jwt)).toMatchObject({ azp: APP_ORIGIN, sid: sessionId });
    expect(r.body.jwt).toMatch(/^eyJ/);
    expect(prod.secretKey).toMatch(/^sk_live_/);
  });
});
