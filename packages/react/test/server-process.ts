/**
 * A test server in a child process, for the React tests: they run in happy-dom, where the
 * in-process server would be transformed as browser code (its worker URLs rewritten as
 * assets) and see happy-dom's globals. The parent talks to it over the IPC channel:
 * `{ id, op: 'backend', method, path, body }`, `{ id, op: 'code', to }`, `{ id, op: 'advance', ms }`.
 * Run with `node --conditions=source`; exits when the parent disconnects.
 */
import { codeIn, startServer } from '../../server/test/fixtures/server.ts';

type Request =
  | { id: number; op: 'backend'; method: string; path: string; body?: Record<string, unknown> }
  | { id: number; op: 'code'; to: string }
  | { id: number; op: 'advance'; ms: number };

const server = await startServer();
const instance = await server.backend.get('/v1/instance');

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
