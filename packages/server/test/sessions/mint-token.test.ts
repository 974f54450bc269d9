/**
 * POST /v1/client/sessions/{id}/tokens reads the client and the session in one query: it must
 * still authenticate the client token against its stored hash on every request (a rotated
 * token stops at once, on every node, with no cache between), mint only for the client's own
 * sessions, and check the session's status on every mint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, jwtPayload } from '../backend-api/expect-error.ts';
import { createUser, mintToken, signIn } from '../fixtures/flows.ts';
import { Browser } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';

let node1: TestServer;
let node2: TestServer;
beforeAll(async () => {
  node1 = await startServer({ settings: { sessions: { multi_session: { enabled: true } } } });
  node2 = await startServer({ shareWith: node1 });
});
afterAll(async () => {
  await node2?.close();
  await node1?.close();
});

/** A browser on `server` that carries `token` as its `__client` cookie. */
function browserWith(server: TestServer, token: string): Browser {
  const b = server.browser();
  b.cookies.set('__client', token);
  return b;
}

async function signedIn(server = node1) {
  const { email, userId } = await createUser(server);
  const browser = server.browser();
  const { sessionId } = await signIn(browser, email);
  return { browser, sessionId, userId };
}

describe('token minting', () => {
  it('mints a token for the client’s own session, naming the user and the session', async () => {
    const { browser, sessionId, userId } = await signedIn();
    const r = await mintToken(browser, sessionId);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.object).toBe('token');
    expect(jwtPayload(r.body.jwt)).toMatchObject({ sub: userId, sid: sessionId, azp: 'http://localhost:5173' });
  });

  it('mints for a native client by its bearer token', async () => {
    const { email } = await createUser(node1);
    const app = node1.native();
    const { sessionId } = await signIn(app, email);
    const minted = await app.request('POST', `/v1/client/sessions/${sessionId}/tokens`);
    expect(minted.status, JSON.stringify(minted.body)).toBe(200);
    expect(jwtPayload(minted.body.jwt).sid).toBe(sessionId);
    app.token = `${app.token!.split('.')[0]}.${'B'.repeat(43)}`;
    expectError(await app.request('POST', `/v1/client/sessions/${sessionId}/tokens`), 'signed_out');
  });

  it('refuses another client’s session and an unknown session: session_not_found', async () => {
    const mine = await signedIn();
    const theirs = await signedIn();
    expectError(await mintToken(mine.browser, theirs.sessionId), 'session_not_found');
    expectError(await mintToken(mine.browser, 'sess_unknown'), 'session_not_found');
    // The refusal changed nothing: both sessions still mint for their own clients.
    expect((await mintToken(theirs.browser, theirs.sessionId)).status).toBe(200);
    expect((await mintToken(mine.browser, mine.sessionId)).status).toBe(200);
  });

  it('refuses the right client id with a wrong secret, and no token at all: signed_out', async () => {
    const { browser, sessionId } = await signedIn();
    const [clientId, secret] = browser.clientToken!.split('.');
    // Same length, one character changed: only the hash comparison can tell.
    const wrong = `${clientId}.${secret!.slice(0, -1)}${secret!.endsWith('A') ? 'B' : 'A'}`;
    expectError(await mintToken(browserWith(node1, wrong), sessionId), 'signed_out');
    expectError(await mintToken(node1.browser(), sessionId), 'signed_out');
    expectError(await mintToken(browserWith(node1, 'garbage'), sessionId), 'signed_out');
  });

  it('stops accepting a rotated token at once, on this node and on another node sharing the database', async () => {
    const { browser, sessionId } = await signedIn();
    const before = browser.clientToken!;
    const onNode2 = () => new Browser(node2.url);
    expect((await mintToken(browserWith(node2, before), sessionId)).status).toBe(200);

    // A second sign-in on the same client rotates its token.
    const other = await createUser(node1);
    await signIn(browser, other.email);
    const after = browser.clientToken!;
    expect(after).not.toBe(before);

    expectError(await mintToken(browserWith(node1, before), sessionId), 'signed_out');
    expectError(await mintToken(browserWith(node2, before), sessionId), 'signed_out');
    const fresh = onNode2();
    fresh.cookies.set('__client', after);
    expect((await mintToken(fresh, sessionId)).status).toBe(200);
  });

  it('checks the session on every mint: a session revoked on another node is refused at once', async () => {
    const { browser, sessionId } = await signedIn();
    expect((await mintToken(browser, sessionId)).status).toBe(200);
    expect((await node2.backend.post(`/v1/sessions/${sessionId}/revoke`)).status).toBe(200);
    expectError(await mintToken(browser, sessionId), 'session_not_active', {
      session_id: sessionId,
      status: 'revoked',
    });
  });
});
