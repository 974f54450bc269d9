/**
 * In a browser the SDK keeps `__session` (the JWT) and `__client_uat` (the `iat` of the first
 * token of the current sign-in, 0 when signed out) on the app's own domain, and a background
 * refresh replaces `__session` before it expires. Here `document` is a stand-in cookie jar.
 */
import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PASSWORD, uniqueEmail } from '../../server/test/fixtures/flows.ts';
import { startServer, type TestServer } from '../../server/test/fixtures/server.ts';
import type { Gatehouse } from '../src/index.ts';
import { newGatehouse, sdkSignUp } from './helpers.ts';

/** `document.cookie` semantics: writes set or (Max-Age=0) delete one cookie; reads list them. */
class CookieJar {
  readonly jar = new Map<string, { value: string; attrs: string }>();
  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v.value}`).join('; ');
  }
  set cookie(line: string) {
    const [pair, ...attrs] = line.split(';');
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq).trim();
    if (/max-age=0\b/i.test(line)) this.jar.delete(name);
    else this.jar.set(name, { value: pair!.slice(eq + 1), attrs: attrs.join(';').trim() });
  }
  get(name: string) {
    return this.jar.get(name)?.value;
  }
}

let server: TestServer;
let jar: CookieJar;
const instances: Gatehouse[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterEach(() => {
  for (const g of instances.splice(0)) g.destroy();
  vi.useRealTimers();
  delete (globalThis as { document?: unknown }).document;
});
afterAll(() => server.close());

async function browserLike(opts: { tokenRefreshIntervalMs?: number } = {}) {
  jar = new CookieJar();
  (globalThis as { document?: unknown }).document = jar;
  const g = await newGatehouse(server, { sessionCookies: true, ...opts });
  instances.push(g);
  return g;
}

describe('session cookies', () => {
  it('writes __client_uat=0 on load when signed out', async () => {
    await browserLike();
    expect(jar.get('__client_uat')).toBe('0');
    expect(jar.get('__session')).toBeUndefined();
    expect(jar.jar.get('__client_uat')?.attrs).toMatch(/Path=\/; SameSite=Lax; Max-Age=\d+/);
  });

  it('writes the token and its iat on sign-in, replaces the token on refresh, clears both on sign-out', async () => {
    const g = await browserLike();
    await sdkSignUp(server, g, uniqueEmail('cookies'), PASSWORD);
    const first = jar.get('__session')!;
    expect(decodeJwt(first).sid).toBe(g.session!.id);
    expect(jar.get('__client_uat')).toBe(String(decodeJwt(first).iat));
    expect(jar.jar.get('__session')?.attrs).toBe('Path=/; SameSite=Lax');

    server.clock.advance(2_000);
    const next = await g.session!.getToken({ skipCache: true });
    expect(jar.get('__session')).toBe(next);
    expect(jar.get('__client_uat')).toBe(String(decodeJwt(first).iat));

    await g.signOut();
    expect(jar.get('__session')).toBeUndefined();
    expect(jar.get('__client_uat')).toBe('0');
  });

  it('refreshes __session in the background once the token is half an interval old', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const g = await browserLike({ tokenRefreshIntervalMs: 50_000 });
    await sdkSignUp(server, g, uniqueEmail('refresh'), PASSWORD);
    const first = jar.get('__session');

    server.clock.advance(10_000);
    vi.advanceTimersByTime(50_000);
    await Promise.resolve();
    expect(jar.get('__session')).toBe(first);

    server.clock.advance(20_000);
    vi.advanceTimersByTime(50_000);
    await vi.waitFor(() => expect(jar.get('__session')).not.toBe(first));
    expect(decodeJwt(jar.get('__session')!).sid).toBe(g.session!.id);
    expect(g.isSignedIn).toBe(true);
  });
});
