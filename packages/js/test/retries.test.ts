/**
 * Transient failures never sign anyone out: a request that is safe to repeat is retried with
 * backoff after a network error or a 5xx and succeeds; when every try fails, the error is
 * thrown and the session stays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, uniqueEmail } from '../../server/test/fixtures/flows.ts';
import { startServer, type TestServer } from '../../server/test/fixtures/server.ts';
import { type Gatehouse, GatehouseAPIError, GatehouseNetworkError, type GatehouseState } from '../src/index.ts';
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

/** A fetch that fails the next `n` token requests with `failure`, then passes through. */
function flakyFetch() {
  const state = {
    failures: 0,
    failure: (): Promise<Response> => Promise.reject(new TypeError('fetch failed')),
    seen: 0,
  };
  const f: typeof fetch = (input, init) => {
    if (String(input).includes('/tokens')) {
      state.seen++;
      if (state.failures > 0) {
        state.failures--;
        return state.failure();
      }
    }
    return fetch(input, init);
  };
  return { fetch: f, state };
}

async function signedIn(f: typeof fetch) {
  const g = await newGatehouse(server, { fetch: f, retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 } });
  instances.push(g);
  await sdkSignUp(server, g, uniqueEmail('retry'), PASSWORD);
  const seen: GatehouseState[] = [];
  g.addListener((s) => seen.push(s), { skipInitialEmit: true });
  return { g, seen };
}

describe('retries', () => {
  it('retries a token request after a network error and succeeds without signing out', async () => {
    const flaky = flakyFetch();
    const { g, seen } = await signedIn(flaky.fetch);
    flaky.state.failures = 1;
    flaky.state.seen = 0;
    const token = await g.session!.getToken({ skipCache: true });
    expect(token).toMatch(/^ey/);
    expect(flaky.state.seen).toBe(2);
    expect(g.isSignedIn).toBe(true);
    expect(seen).toEqual([]);
  });

  it('retries after a 503 and succeeds', async () => {
    const flaky = flakyFetch();
    const { g } = await signedIn(flaky.fetch);
    flaky.state.failures = 1;
    flaky.state.seen = 0;
    flaky.state.failure = async () =>
      new Response(
        JSON.stringify({ errors: [{ code: 'server_busy', message: 'busy', long_message: 'busy', meta: {} }] }),
        {
          status: 503,
        },
      );
    expect(await g.session!.getToken({ skipCache: true })).toMatch(/^ey/);
    expect(flaky.state.seen).toBe(2);
  });

  it('gives up after the bounded retries with a GatehouseNetworkError and keeps the session', async () => {
    const flaky = flakyFetch();
    const { g, seen } = await signedIn(flaky.fetch);
    flaky.state.failures = 100;
    flaky.state.seen = 0;
    const e = await g.session!.getToken({ skipCache: true }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(GatehouseNetworkError);
    expect(flaky.state.seen).toBe(4);
    expect(g.isSignedIn).toBe(true);
    expect(seen).toEqual([]);
    flaky.state.failures = 0;
    expect(await g.session!.getToken({ skipCache: true })).toMatch(/^ey/);
  });

  it('does not repeat a sign-in step whose answer was lost', async () => {
    let calls = 0;
    const f: typeof fetch = (input, init) => {
      if (String(input).includes('/v1/client/sign_ins')) {
        calls++;
        return Promise.reject(new TypeError('fetch failed'));
      }
      return fetch(input, init);
    };
    const g = await newGatehouse(server, { fetch: f });
    instances.push(g);
    const e = await g.signIn.create({ identifier: uniqueEmail('x') }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(GatehouseNetworkError);
    expect(e).not.toBeInstanceOf(GatehouseAPIError);
    expect(calls).toBe(1);
  });
});
