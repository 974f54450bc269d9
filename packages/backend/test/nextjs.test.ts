/**
 * The Next.js adapter in a real Next.js app (`next dev`, App Router, Next 16 `proxy.js`):
 * a server component and route handlers read `auth()`; a page with a stale session cookie goes
 * through the handshake; protected API paths answer 401; forged auth headers are ignored.
 * The app imports the built package (dist, compiled once by e2e/builds/packages-dist.ts), as an
 * application would. Each database's run builds into its own `distDir`, so the two can run at once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../../server/test/fixtures/database.ts';
import { mintToken, signUp } from '../../server/test/fixtures/flows.ts';
import type { Browser } from '../../server/test/fixtures/http-client.ts';
import { startServer, type TestServer } from '../../server/test/fixtures/server.ts';
import { browse } from './browse.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const APP_DIR = fileURLToPath(new URL('./next-app/', import.meta.url));

let server: TestServer;
let browser: Browser;
let userId: string;
let sessionId: string;
let token: string;
let next: ChildProcess;
let app: string;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  server = await startServer();
  browser = server.browser({ origin: null });
  ({ userId, sessionId } = await signUp(server, browser));
  token = (await mintToken(browser, sessionId)).body.jwt;
  const publishableKey = (await server.backend.get('/v1/instance')).body.publishable_key;

  const port = await freePort();
  app = `http://localhost:${port}`;
  next = spawn(
    process.execPath,
    [`${ROOT}node_modules/next/dist/bin/next`, 'dev', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: APP_DIR,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        NEXT_TELEMETRY_DISABLED: '1',
        NEXT_DIST_DIR: `.next-${testDialect()}`,
        GATEHOUSE_SECRET_KEY: server.secretKey,
        GATEHOUSE_PUBLISHABLE_KEY: publishableKey,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  next.stdout!.on('data', (d) => {
    out += d;
  });
  next.stderr!.on('data', (d) => {
    out += d;
  });
  const deadline = Date.now() + 90_000;
  while (!/Ready in/.test(out)) {
    if (Date.now() > deadline || next.exitCode !== null) throw new Error(`next dev did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}, 180_000);

afterAll(async () => {
  next?.kill('SIGTERM');
  await server?.close();
});

describe('Next.js adapter', () => {
  it('a server component renders signed in after one handshake', async () => {
    const cookies = new Map([['__client_uat', '1']]);
    const r = await browse(server, browser, `${app}/`, cookies);
    expect(r.status).toBe(200);
    expect(r.body).toContain(`hello <!-- -->${userId}`);
    expect(r.hops).toHaveLength(3);
    const again = await browse(server, browser, `${app}/`, cookies);
    expect(again.hops).toHaveLength(0);
  }, 60_000);

  it('a stranger renders signed out with no redirect', async () => {
    const r = await browse(server, browser, `${app}/`, new Map());
    expect(r.hops).toEqual([]);
    expect(r.body).toContain('hello <!-- -->stranger');
  }, 60_000);

  it('a route handler reads auth() from a bearer token', async () => {
    const r = await fetch(`${app}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await r.json()).toEqual({ userId, sessionId });
  }, 60_000);

  it('a protected API path answers 401 without a token', async () => {
    const r = await fetch(`${app}/api/private`, { headers: { accept: 'application/json', 'sec-fetch-dest': 'empty' } });
    expect(r.status).toBe(401);
    expect((await r.json()).errors[0].code).toBe('signed_out');
  }, 60_000);

  it('forged auth headers from the client are overwritten by the middleware', async () => {
    const r = await fetch(`${app}/api/me`, {
      headers: {
        'x-gatehouse-auth-status': 'signed-in',
        'x-gatehouse-auth-token': token,
        'x-gatehouse-auth-signature': 'forged',
      },
    });
    expect(await r.json()).toEqual({ userId: null, sessionId: null });
  }, 60_000);
});
