/**
 * authenticateRequest with real Fetch Requests against a real server: bearer tokens, cookie
 * states, the handshake round trip through the Frontend API, and the loop guard.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mintToken, signUp } from '../../server/test/fixtures/flows.ts';
import type { Browser } from '../../server/test/fixtures/http-client.ts';
import { startServer, type TestServer } from '../../server/test/fixtures/server.ts';
import { authenticateRequest, clearJwksCache } from '../src/index.ts';

const APP = 'http://localhost:5173';
let server: TestServer;
let publishableKey: string;
let browser: Browser;
let sessionId: string;
let userId: string;
let token: string;

beforeAll(async () => {
  server = await startServer();
  publishableKey = (await server.backend.get('/v1/instance')).body.publishable_key;
  browser = server.browser({ origin: APP });
  ({ sessionId, userId } = await signUp(server, browser));
  token = (await mintToken(browser, sessionId)).body.jwt;
});
afterAll(() => server.close());
beforeEach(() => clearJwksCache());

const page = (cookies: Record<string, string>, path = '/dashboard') =>
  new Request(`${APP}${path}`, {
    headers: {
      accept: 'text/html',
      'sec-fetch-dest': 'document',
      cookie: Object.entries(cookies)
        .map(([k, v]) => `${k}=${v}`)
        .join('; '),
    },
  });
const apiCall = (cookies: Record<string, string>) =>
  new Request(`${APP}/api/data`, {
    headers: {
      accept: 'application/json',
      'sec-fetch-dest': 'empty',
      cookie: Object.entries(cookies)
        .map(([k, v]) => `${k}=${v}`)
        .join('; '),
    },
  });
const opts = () => ({ publishableKey, secretKey: server.secretKey, authorizedParties: [APP] });
const iatOf = (t: string) => JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()).iat as number;

describe('bearer tokens', () => {
  it('a valid token is signed-in with userId, sessionId, getToken and has()', async () => {
    const state = await authenticateRequest(
      new Request(`${APP}/api`, { headers: { authorization: `Bearer ${token}` } }),
      opts(),
    );
    expect(state.status).toBe('signed-in');
    const auth = state.toAuth();
    expect(auth).toMatchObject({ userId, sessionId, orgId: null, actor: null });
    expect(await auth.getToken()).toBe(token);
    expect(auth.has({ reverification: 'strict' })).toBe(true);
    expect(auth.has({ role: 'org:admin' })).toBe(false);
  });

  it('an invalid token is signed-out with the reason, never a handshake', async () => {
    const state = await authenticateRequest(
      new Request(`${APP}/`, { headers: { authorization: 'Bearer nope', accept: 'text/html' } }),
      opts(),
    );
    expect(state).toMatchObject({ status: 'signed-out', reason: 'token-invalid' });
    expect(state.toAuth().userId).toBeNull();
  });
});

describe('session cookies', () => {
  it('no cookies at all is signed-out', async () => {
    expect((await authenticateRequest(page({}), opts())).reason).toBe('session-token-and-uat-missing');
  });

  it('a valid __session with a current __client_uat is signed-in', async () => {
    const state = await authenticateRequest(page({ __session: token, __client_uat: String(iatOf(token)) }), opts());
    expect(state.status).toBe('signed-in');
    expect(state.toAuth().userId).toBe(userId);
  });

  it('__client_uat=0 (signed out elsewhere) does not trust a lingering token', async () => {
    const state = await authenticateRequest(page({ __session: token, __client_uat: '0' }), opts());
    expect(state).toMatchObject({ status: 'signed-out', reason: 'client-signed-out' });
  });

  it('a page load with __client_uat but no token starts a handshake to the Frontend API', async () => {
    const state = await authenticateRequest(page({ __client_uat: '1' }), opts());
    expect(state.status).toBe('handshake');
    const location = new URL(state.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(`${server.url}/v1/client/handshake`);
    expect(location.searchParams.get('redirect_url')).toBe(`${APP}/dashboard`);
  });

  it('an API call in the same state is signed-out (401 material), not redirected', async () => {
    const state = await authenticateRequest(apiCall({ __client_uat: '1' }), opts());
    expect(state).toMatchObject({ status: 'signed-out', reason: 'client-uat-but-no-session-token' });
  });

  it('a token older than __client_uat (a sign-in change since) needs a handshake', async () => {
    const state = await authenticateRequest(
      page({ __session: token, __client_uat: String(iatOf(token) + 30) }),
      opts(),
    );
    expect(state).toMatchObject({ status: 'handshake', reason: 'session-token-outdated' });
  });

  it('an expired token on a page load needs a handshake', async () => {
    const state = await authenticateRequest(page({ __session: token, __client_uat: '1' }), {
      ...opts(),
      currentDate: new Date((iatOf(token) + 120) * 1000),
    });
    expect(state).toMatchObject({ status: 'handshake', reason: 'session-token-expired' });
  });

  it('stops after three handshakes in a row instead of looping', async () => {
    const state = await authenticateRequest(page({ __client_uat: '1', __gh_redirect_count: '3' }), opts());
    expect(state).toMatchObject({ status: 'signed-out', reason: 'handshake-loop-detected' });
  });
});

describe('the handshake round trip', () => {
  it('refreshes the session cookie through the Frontend API and lands signed-in on the clean URL', async () => {
    // 1. the app sends the stale page to the Frontend API
    const start = await authenticateRequest(page({ __client_uat: '1' }, '/dashboard?tab=2'), opts());
    const fapi = start.headers.get('location')!;
    // 2. the browser follows it, bringing its __client cookie
    const back = await browser.request('GET', fapi.slice(server.url.length));
    expect(back.status).toBe(307);
    const returnUrl = back.headers.get('location')!;
    expect(returnUrl.startsWith(`${APP}/dashboard?tab=2&__clerk_handshake=`)).toBe(true);
    // 3. the app verifies the handshake, sets the cookies and redirects to the clean URL
    const done = await authenticateRequest(
      new Request(returnUrl, { headers: { 'sec-fetch-dest': 'document' } }),
      opts(),
    );
    expect(done.status).toBe('handshake');
    expect(done.headers.get('location')).toBe(`${APP}/dashboard?tab=2`);
    const cookies = Object.fromEntries(
      done.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]),
    );
    expect(Object.keys(cookies).sort()).toEqual(['__client_uat', '__session']);
    // 4. the reload is signed in
    const after = await authenticateRequest(page(cookies, '/dashboard?tab=2'), opts());
    expect(after.status).toBe('signed-in');
    expect(after.toAuth()).toMatchObject({ userId, sessionId });
  });

  it('a signed-out browser gets signed-out cookies back', async () => {
    const stranger = server.browser({ origin: APP });
    const back = await stranger.request('GET', `/v1/client/handshake?redirect_url=${encodeURIComponent(`${APP}/`)}`);
    const done = await authenticateRequest(new Request(back.headers.get('location')!), opts());
    expect(done.headers.getSetCookie().some((c) => c.startsWith('__client_uat=0;'))).toBe(true);
    expect(done.headers.getSetCookie().some((c) => c.startsWith('__session=;') && c.includes('Max-Age=0'))).toBe(true);
  });

  it('a forged handshake parameter is refused (signed-out, no cookies set)', async () => {
    const done = await authenticateRequest(new Request(`${APP}/?__clerk_handshake=${token}x`), opts());
    expect(done).toMatchObject({ status: 'signed-out', reason: 'handshake-invalid' });
    expect(done.headers.getSetCookie()).toEqual([]);
  });

  it('the Frontend API refuses to redirect to an origin the instance does not allow', async () => {
    const r = await browser.request(
      'GET',
      `/v1/client/handshake?redirect_url=${encodeURIComponent('https://evil.example/steal')}`,
    );
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toMatchObject({ code: 'redirect_url_invalid' });
  });
});
