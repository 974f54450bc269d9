/**
 * `clients.findWithSession`, the token-minting path's one read: the client and, only if it is
 * that client's, the named session, on both dialects, inside and outside a transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, signIn } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';

let server: TestServer;
let instanceId: string;
/** Two signed-in browsers: their client ids and session ids. */
let a: { clientId: string; sessionId: string };
let b: { clientId: string; sessionId: string };

async function signedInClient() {
  const { email } = await createUser(server);
  const browser = server.browser();
  const { sessionId } = await signIn(browser, email);
  return { clientId: browser.clientToken!.split('.')[0]!, sessionId };
}

beforeAll(async () => {
  server = await startServer();
  instanceId = server.instance.id;
  a = await signedInClient();
  b = await signedInClient();
});
afterAll(() => server.close());

describe('clients.findWithSession', () => {
  it('returns the client and its session, equal to what findById reads for each', async () => {
    const { store } = server.deps;
    const found = await store.clients.findWithSession(instanceId, a.clientId, a.sessionId);
    expect(found).not.toBeNull();
    expect(found!.client).toEqual(await store.clients.findById(instanceId, a.clientId));
    // The minting path leaves out what it never reads: the device the session was created on.
    const {
      activity: _activity,
      origin: _origin,
      ...session
    } = (await store.sessions.findById(instanceId, a.sessionId))!;
    expect(found!.session).toEqual(session);
    expect(found!.session).not.toHaveProperty('activity');
    expect(found!.session).toMatchObject({ id: a.sessionId, clientId: a.clientId, status: 'active' });
  });

  it('returns the client without a session when the session belongs to another client', async () => {
    const found = await server.deps.store.clients.findWithSession(instanceId, a.clientId, b.sessionId);
    expect(found?.client.id).toBe(a.clientId);
    expect(found?.session).toBeNull();
  });

  it('returns the client without a session for an unknown session id', async () => {
    const found = await server.deps.store.clients.findWithSession(instanceId, a.clientId, 'sess_unknown');
    expect(found?.client.id).toBe(a.clientId);
    expect(found?.session).toBeNull();
  });

  it('returns null for an unknown client, and for a client of another instance', async () => {
    const { store } = server.deps;
    expect(await store.clients.findWithSession(instanceId, 'client_unknown', a.sessionId)).toBeNull();
    expect(await store.clients.findWithSession('ins_other', a.clientId, a.sessionId)).toBeNull();
  });

  it('reads the current row every time: a session ended since the last call comes back ended', async () => {
    const { store } = server.deps;
    const fresh = await signedInClient();
    expect((await store.clients.findWithSession(instanceId, fresh.clientId, fresh.sessionId))?.session?.status).toBe(
      'active',
    );
    const now = server.clock.now();
    expect(await store.sessions.endIfActive(instanceId, fresh.sessionId, 'revoked', now)).toBe(true);
    const after = await store.clients.findWithSession(instanceId, fresh.clientId, fresh.sessionId);
    expect(after?.session).toMatchObject({ status: 'revoked', endedAt: now });
  });

  it('works inside a transaction, where it sees the transaction’s own writes', async () => {
    const { store } = server.deps;
    const now = server.clock.now() + 1234;
    const seen = await store.transaction(async (tx) => {
      await tx.clients.update(instanceId, b.clientId, { lastActiveSessionId: null }, now);
      return tx.clients.findWithSession(instanceId, b.clientId, b.sessionId);
    });
    expect(seen?.client).toMatchObject({ id: b.clientId, lastActiveSessionId: null, updatedAt: now });
    expect(seen?.session?.id).toBe(b.sessionId);
  });
});
