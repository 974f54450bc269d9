/**
 * The framework adapters in real servers: Express, Fastify and Hono apps each serve a page and
 * an API route behind the middleware. A page load with a stale session cookie goes through the
 * handshake and comes back signed in; an API call with a bearer token is signed in; an API
 * call without one gets 401 in the error format.
 */
import { createServer, type Server } from 'node:http';
import { serve } from '@hono/node-server';
import express from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken, signUp } from '../../server/test/fixtures/flows.ts';
import type { Browser } from '../../server/test/fixtures/http-client.ts';
import { startServer, type TestServer } from '../../server/test/fixtures/server.ts';
import * as gExpress from '../src/frameworks/express.ts';
import * as gFastify from '../src/frameworks/fastify.ts';
import * as gHono from '../src/frameworks/hono.ts';
import { browse } from './browse.ts';

let server: TestServer;
let publishableKey: string;
let browser: Browser;
let userId: string;
let token: string;
const closers: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  server = await startServer();
  publishableKey = (await server.backend.get('/v1/instance')).body.publishable_key;
  browser = server.browser({ origin: null });
  const s = await signUp(server, browser);
  userId = s.userId;
  token = (await mintToken(browser, s.sessionId)).body.jwt;
});
afterAll(async () => {
  for (const c of closers) await c();
  await server.close();
});

const listen = (s: Server): Promise<string> =>
  new Promise((resolve) =>
    s.listen(0, '127.0.0.1', () => resolve(`http://localhost:${(s.address() as { port: number }).port}`)),
  );

async function startExpress(): Promise<string> {
  const app = express();
  app.use(gExpress.gatehouseMiddleware({ publishableKey, secretKey: server.secretKey }));
  app.get('/page', (req, res) => {
    res.send(`<p>hello ${gExpress.getAuth(req).userId ?? 'stranger'}</p>`);
  });
  app.get('/api/me', gExpress.requireAuth(), (req, res) => {
    res.json({ userId: gExpress.getAuth(req).userId });
  });
  const s = createServer(app);
  closers.push(() => new Promise((r) => s.close(r)));
  return listen(s);
}

async function startFastify(): Promise<string> {
  const app: FastifyInstance = Fastify();
  await app.register(gFastify.gatehousePlugin, { publishableKey, secretKey: server.secretKey });
  app.get('/page', async (request, reply) =>
    reply.type('text/html').send(`<p>hello ${gFastify.getAuth(request as never).userId ?? 'stranger'}</p>`),
  );
  app.get('/api/me', { preHandler: gFastify.requireAuth as never }, async (request) => ({
    userId: gFastify.getAuth(request as never).userId,
  }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  closers.push(() => app.close());
  return `http://localhost:${(app.server.address() as { port: number }).port}`;
}

async function startHono(): Promise<string> {
  const app = new Hono();
  app.use('*', gHono.gatehouseMiddleware({ publishableKey, secretKey: server.secretKey }) as never);
  app.get('/page', (c) => c.html(`<p>hello ${gHono.getAuth(c as never).userId ?? 'stranger'}</p>`));
  app.get('/api/me', gHono.requireAuth() as never, (c) => c.json({ userId: gHono.getAuth(c as never).userId }));
  const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as unknown as Server;
  await new Promise((r) => s.once('listening', r));
  closers.push(() => new Promise((r) => s.close(r)));
  return `http://localhost:${(s.address() as { port: number }).port}`;
}

describe.each([
  ['Express', startExpress],
  ['Fastify', startFastify],
  ['Hono', startHono],
])('%s adapter', (_name, start) => {
  let app: string;
  beforeAll(async () => {
    app = await start();
  });

  it('a page with a stale session cookie goes through one handshake and renders signed in', async () => {
    const cookies = new Map([['__client_uat', '1']]);
    const r = await browse(server, browser, `${app}/page`, cookies);
    expect(r.status).toBe(200);
    expect(r.body).toContain(`hello ${userId}`);
    expect(r.hops).toHaveLength(3); // to the Frontend API, back with the handshake, then the clean URL
    expect(cookies.get('__session')).toMatch(/^ey/);
    // the next load needs no handshake at all
    const again = await browse(server, browser, `${app}/page`, cookies);
    expect(again.hops).toHaveLength(0);
    expect(again.body).toContain(`hello ${userId}`);
  });

  it('a signed-out page renders for a stranger without any redirect', async () => {
    const r = await browse(server, browser, `${app}/page`, new Map());
    expect(r).toMatchObject({ status: 200, hops: [] });
    expect(r.body).toContain('hello stranger');
  });

  it('an API call with a bearer token is signed in', async () => {
    const r = await fetch(`${app}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ userId });
  });

  it('an API call without a token gets 401 in the error format, not a redirect', async () => {
    const r = await fetch(`${app}/api/me`, {
      redirect: 'manual',
      headers: { cookie: '__client_uat=1', accept: 'application/json' },
    });
    expect(r.status).toBe(401);
    expect((await r.json()).errors[0].code).toBe('signed_out');
  });
});
