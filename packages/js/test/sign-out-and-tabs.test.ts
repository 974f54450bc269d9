/**
 * Signing out: the state is cleared and listeners hear it; another SDK instance on the same
 * client (two tabs: one token store, one BroadcastChannel name) learns of sign-in and sign-out
 * from the channel, and of sign-out without asking the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, uniqueEmail } from '../../server/test/fixtures/flows.ts';
import { startServer, type TestServer } from '../../server/test/fixtures/server.ts';
import { type Gatehouse, type GatehouseState, memoryTokenStore } from '../src/index.ts';
import { newGatehouse, sdkSignUp } from './helpers.ts';

let server: TestServer;
const instances: Gatehouse[] = [];
let channel = 0;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  for (const g of instances) g.destroy();
  await server.close();
});

const track = <T extends Gatehouse>(g: T): T => {
  instances.push(g);
  return g;
};

/** Resolves with the first state that satisfies `pred`. */
const nextState = (g: Gatehouse, pred: (s: GatehouseState) => boolean) =>
  new Promise<GatehouseState>((resolve) => {
    const off = g.addListener(
      (s) => {
        if (!pred(s)) return;
        off();
        resolve(s);
      },
      { skipInitialEmit: true },
    );
  });

describe('signOut', () => {
  it('clears session and user, notifies listeners, and the server ends the session', async () => {
    const g = track(await newGatehouse(server));
    await sdkSignUp(server, g, uniqueEmail('signout'), PASSWORD);
    const session = g.session!;
    const seen: GatehouseState[] = [];
    g.addListener((s) => seen.push(s), { skipInitialEmit: true });

    await g.signOut();
    expect(g.session).toBeNull();
    expect(g.user).toBeNull();
    expect(g.isSignedIn).toBe(false);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toMatchObject({ session: null, user: null });
    const onServer = await server.backend.get(`/v1/sessions/${session.id}`);
    expect(onServer.body.status).toBe('ended');
    expect(await session.getToken()).toBeNull();
  });

  it('signs out of one named session', async () => {
    const g = track(await newGatehouse(server));
    await sdkSignUp(server, g, uniqueEmail('signout-one'), PASSWORD);
    const id = g.session!.id;
    await g.signOut({ sessionId: id });
    expect(g.session).toBeNull();
    expect((await server.backend.get(`/v1/sessions/${id}`)).body.status).toBe('ended');
  });

  it('follows redirectUrl through the navigate option', async () => {
    const visited: string[] = [];
    const g = track(await newGatehouse(server, { navigate: (url) => visited.push(url) }));
    await sdkSignUp(server, g, uniqueEmail('signout-redirect'), PASSWORD);
    await g.signOut({ redirectUrl: '/goodbye' });
    expect(visited).toEqual(['/goodbye']);
  });
});

describe('two tabs on one client', () => {
  it('the other tab learns of sign-in from the channel, and of sign-out at once, without a request', async () => {
    const store = memoryTokenStore();
    const tabSync = `gatehouse-test-${process.pid}-${++channel}`;
    const requests: string[] = [];
    const countingFetch: typeof fetch = (input, init) => {
      requests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
      return fetch(input, init);
    };
    const a = track(await newGatehouse(server, { clientTokenStorage: store, tabSync }));
    const b = track(await newGatehouse(server, { clientTokenStorage: store, tabSync, fetch: countingFetch }));
    expect(b.session).toBeNull();

    const bSignedIn = nextState(b, (s) => s.session !== null);
    await sdkSignUp(server, a, uniqueEmail('tabs'), PASSWORD);
    const inB = await bSignedIn;
    expect(inB.session?.id).toBe(a.session!.id);
    expect(inB.user?.id).toBe(a.user!.id);

    const bSignedOut = nextState(b, (s) => s.session === null);
    requests.length = 0;
    await a.signOut();
    const outB = await bSignedOut;
    expect(outB.user).toBeNull();
    expect(b.isSignedIn).toBe(false);
    expect(requests).toEqual([]);
  });

  it('ignores messages about another client', async () => {
    const tabSync = `gatehouse-test-${process.pid}-${++channel}`;
    const store = memoryTokenStore();
    const a = track(await newGatehouse(server, { tabSync, clientTokenStorage: store }));
    const sameClient = track(await newGatehouse(server, { tabSync, clientTokenStorage: store }));
    const other = track(await newGatehouse(server, { tabSync }));
    await sdkSignUp(server, other, uniqueEmail('tabs-other'), PASSWORD);
    const sameSignedIn = nextState(sameClient, (s) => s.session !== null);
    await sdkSignUp(server, a, uniqueEmail('tabs-a'), PASSWORD);
    await sameSignedIn;
    const otherSession = other.session!.id;

    const sameSignedOut = nextState(sameClient, (s) => s.session === null);
    await a.signOut();
    await sameSignedOut;
    // The same broadcast reached `other` in the same turn; let its handler run.
    await new Promise((r) => setTimeout(r, 0));
    expect(other.session?.id).toBe(otherSession);
    expect(other.isSignedIn).toBe(true);
  });
});
