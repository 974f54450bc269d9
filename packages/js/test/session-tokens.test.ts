/**
 * Session tokens through the SDK: cached while fresh, re-minted within 10 s of expiry (the
 * SDK judges expiry on the clock it is given, here the server's TestClock), and null once the
 * server says the session is over, which also drops the session from the state.
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, uniqueEmail } from '../../server/test/fixtures/flows.ts';
import { startServer, type TestServer } from '../../server/test/fixtures/server.ts';
import type { Gatehouse } from '../src/index.ts';
import { newGatehouse, sdkSignUp } from './helpers.ts';

let server: TestServer;
const instances: Gatehouse[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  for (const g of instances) g.destroy();
  await server.close();
});

async function signedIn(): Promise<Gatehouse> {
  const g = await newGatehouse(server);
  instances.push(g);
  await sdkSignUp(server, g, uniqueEmail('tokens'), PASSWORD);
  return g;
}

describe('session.getToken', () => {
  it('returns the cached token while it has more than 10 s left', async () => {
    const g = await signedIn();
    const first = await g.session!.getToken();
    expect(decodeJwt(first!)).toMatchObject({ sid: g.session!.id, sub: g.user!.id });
    server.clock.advance(45_000);
    expect(await g.session!.getToken()).toBe(first);
  });

  it('mints a new token once the cached one expires within 10 s, and after expiry', async () => {
    const g = await signedIn();
    const first = (await g.session!.getToken())!;
    server.clock.advance(51_000);
    const second = (await g.session!.getToken())!;
    expect(second).not.toBe(first);
    expect(decodeJwt(second).iat).toBeGreaterThanOrEqual(decodeJwt(first).iat! + 51);
    server.clock.advance(61_000);
    const third = (await g.session!.getToken())!;
    expect(third).not.toBe(second);
    expect(decodeJwt(third).exp! * 1000).toBeGreaterThan(server.clock.now());
  });

  it('mints a new token with skipCache', async () => {
    const g = await signedIn();
    const first = await g.session!.getToken();
    server.clock.advance(1_000);
    expect(await g.session!.getToken({ skipCache: true })).not.toBe(first);
  });

  it('shares one request between concurrent callers', async () => {
    const g = await signedIn();
    server.clock.advance(120_000);
    const [a, b, c] = await Promise.all([g.session!.getToken(), g.session!.getToken(), g.session!.getToken()]);
    expect(new Set([a, b, c]).size).toBe(1);
  });

  it('returns null and drops the session when the server has revoked it', async () => {
    const g = await signedIn();
    const session = g.session!;
    const revoked = await server.backend.post(`/v1/sessions/${session.id}/revoke`);
    expect(revoked.status).toBe(200);
    const changes: (string | null)[] = [];
    g.addListener((s) => changes.push(s.session?.id ?? null), { skipInitialEmit: true });
    expect(await session.getToken({ skipCache: true })).toBeNull();
    expect(g.session).toBeNull();
    expect(g.user).toBeNull();
    expect(changes).toEqual([null]);
  });
});
