/**
 * A test server in a child process, for the React tests: they run in happy-dom, where the
 * in-process server would be transformed as browser code (its worker URLs rewritten as
 * assets) and see happy-dom's globals. The parent talks to it over the IPC channel:
 * `{ id, op: 'backend', method, path, body }`, `{ id, op: 'code', to }`, `{ id, op: 'advance', ms }`,
 * `{ id, op: 'signInFrom', email, password, userAgent, ip }` (a session on another device, whose
 * address the server takes from `X-Forwarded-For`: it trusts the proxy for that).
 * Run with `node --conditions=source`; exits when the parent disconnects.
 */
import { codeIn, startServer } from '../../server/test/fixtures/server.ts';

type Request =
  | { id: number; op: 'backend'; method: string; path: string; body?: Record<string, unknown> }
  | { id: number; op: 'code'; to: string }
  | { id: number; op: 'advance'; ms: number }
  | { id: number; op: 'signInFrom'; email: string; password: string; userAgent: string; ip: string };

const server = await startServer({ trustProxy: true });
const instance = await server.backend.get('/v1/instance');

/** Signs in with the password on a new browser (passing Client Trust with the mailed code); the session id. */
async function signInFrom(m: { email: string; password: string; userAgent: string; ip: string }): Promise<string> {
  const browser = server.browser();
  browser.headers = { 'user-agent': m.userAgent, 'x-forwarded-for': m.ip };
  let r = await browser.post('/v1/client/sign_ins', { identifier: m.email, password: m.password });
  if (r.body.response?.status === 'needs_client_trust') {
    const path = `/v1/client/sign_ins/${r.body.response.id}`;
    await browser.post(`${path}/prepare_second_factor`, { strategy: 'email_code' });
    const code = codeIn(await server.lastDevEmail(m.email));
    r = await browser.post(`${path}/attempt_second_factor`, { strategy: 'email_code', code });
  }
  if (r.body.response?.status !== 'complete') throw new Error(`sign-in failed: ${JSON.stringify(r.body)}`);
  return r.body.response.created_session_id as string;
}

async function handle(m: Request): Promise<unknown> {
  switch (m.op) {
    case 'backend': {
      const r = await server.backend.request(m.method, m.path, m.body);
      return { status: r.status, body: r.body };
    }
    case 'code':
      return codeIn(await server.lastDevEmail(m.to));
    case 'advance':
      server.clock.advance(m.ms);
      return null;
    case 'signInFrom':
      return signInFrom(m);
  }
}

process.on('message', (m: Request) => {
  handle(m).then(
    (result) => process.send?.({ id: m.id, result }),
    (e: unknown) => process.send?.({ id: m.id, error: String(e) }),
  );
});
process.on('disconnect', () => {
  void server.close().finally(() => process.exit(0));
});
process.send?.({ ready: true, url: server.url, publishableKey: instance.body.publishable_key });
