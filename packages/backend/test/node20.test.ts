/**
 * The published shape of @gatehouse/backend runs on Node.js 20: the package compiled with tsc
 * (as `npm run build` does, once before the suites by e2e/builds/packages-dist.ts), laid out as an installed package in a temporary node_modules,
 * and a script run by the machine's Node 20 verifies a real session token and authenticates a
 * Fetch request with it. No TypeScript, no `source` condition, no Node 24 API.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageDist } from '../../../e2e/builds/packages-dist.ts';
import { mintToken, signUp } from '../../server/test/fixtures/flows.ts';
import { startServer, type TestServer } from '../../server/test/fixtures/server.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NODE20 = process.env.NODE20_BIN ?? '/usr/bin/node';

let server: TestServer;
let dir: string;

function install(pkg: 'shared' | 'backend'): void {
  const target = join(dir, 'node_modules', '@gatehouse', pkg);
  mkdirSync(target, { recursive: true });
  cpSync(packageDist(pkg), join(target, 'dist'), { recursive: true });
  cpSync(join(ROOT, `packages/${pkg}/package.json`), join(target, 'package.json'));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-node20-'));
  install('shared');
  install('backend');
  symlinkSync(join(ROOT, 'node_modules/jose'), join(dir, 'node_modules/jose'));
  server = await startServer();
}, 120_000);
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const jsFiles = (d: string): string[] =>
  readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsFiles(join(d, e.name)) : e.name.endsWith('.js') ? [join(d, e.name)] : [],
  );

describe('@gatehouse/backend on Node.js 20', () => {
  it('compiles to JavaScript whose relative imports name .js files', () => {
    const files = jsFiles(join(dir, 'node_modules/@gatehouse/backend/dist'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(readFileSync(f, 'utf8')).not.toMatch(/from '\.{1,2}\/[^']*\.ts'/);
  });

  it('verifies a token and authenticates a request under Node 20', async () => {
    const { stdout: version } = await run(NODE20, ['--version']);
    expect(version.trim()).toMatch(/^v20\./);

    const browser = server.browser({ origin: 'http://localhost:5173' });
    const { userId, sessionId } = await signUp(server, browser);
    const token = (await mintToken(browser, sessionId)).body.jwt;
    const publishableKey = (await server.backend.get('/v1/instance')).body.publishable_key;

    writeFileSync(
      join(dir, 'check.mjs'),
      `import { verifyToken, authenticateRequest, createGatehouseClient } from '@gatehouse/backend';
const [token, publishableKey, secretKey] = process.argv.slice(2);
const claims = await verifyToken(token, { publishableKey });
const state = await authenticateRequest(new Request('http://localhost:5173/', { headers: { authorization: 'Bearer ' + token } }), { publishableKey, authorizedParties: ['http://localhost:5173'] });
const user = await createGatehouseClient({ secretKey, publishableKey }).users.getUser(claims.sub);
console.log(JSON.stringify({ sub: claims.sub, status: state.status, strict: state.toAuth().has({ reverification: 'strict' }), email: user.email_addresses[0].email_address }));
`,
    );
    const { stdout } = await run(NODE20, [join(dir, 'check.mjs'), token, publishableKey, server.secretKey], {
      cwd: dir,
    });
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ sub: userId, status: 'signed-in', strict: true });
    expect(out.email).toMatch(/@example\.com$/);
  });
});
