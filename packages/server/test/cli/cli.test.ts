/**
 * The `gatehouse` command as a newcomer uses it: `start` on an empty database creates a
 * development instance and prints its keys; `instance create|list|keys` and `migrate`.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePublishableKey } from '../../src/domain/instances/publishable-key.ts';
import { createTestDatabase, type TestDatabase } from '../fixtures/database.ts';

const BIN = fileURLToPath(new URL('../../bin/gatehouse.js', import.meta.url));
const run = promisify(execFile);

let db: TestDatabase;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  db = await createTestDatabase(undefined, undefined, { migrated: false });
  env = { ...process.env, DATABASE_URL: db.url, GATEHOUSE_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn' };
});
afterAll(() => db.drop());

const gatehouse = async (...args: string[]) =>
  (await run(process.execPath, ['--conditions=source', BIN, ...args], { env })).stdout;

describe('gatehouse start', () => {
  let child: ChildProcess;
  afterAll(() => child?.kill('SIGTERM'));

  it('creates a development instance on first start, prints its keys, and serves it', async () => {
    child = spawn(process.execPath, ['--conditions=source', BIN, 'start'], {
      env: { ...env, PORT: '0', HOST: '127.0.0.1' },
    });
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
    });
    const deadline = Date.now() + 20_000;
    while (!out.includes('Secret key') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const url = /Frontend API URL\s+(\S+)/.exec(out)?.[1];
    const pk = /Publishable key\s+(\S+)/.exec(out)?.[1];
    const sk = /Secret key\s+(\S+)/.exec(out)?.[1];
    expect(url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(decodePublishableKey(pk!)).toEqual({ environment: 'development', frontendApiHost: new URL(url!).host });
    expect(sk).toMatch(/^sk_test_[A-Za-z0-9_-]{43}$/);

    const env_ = await fetch(`${url}/v1/environment`);
    expect(env_.status).toBe(200);
    const users = await fetch(`${url}/v1/users`, { headers: { authorization: `Bearer ${sk}` } });
    expect(users.status).toBe(200);
    expect(await users.json()).toEqual([]);
  });
});

describe('gatehouse instance', () => {
  it('keys --json prints the publishable key and key metadata, never a stored secret', async () => {
    const keys = JSON.parse(await gatehouse('instance', 'keys', '--json'));
    expect(keys.environment).toBe('development');
    expect(keys.publishable_key).toMatch(/^pk_test_/);
    expect(keys.secret_key).toBeNull();
    expect(keys.secret_keys).toHaveLength(1);
    expect(keys.secret_keys[0].last4).toHaveLength(4);
  });

  it('keys --new-secret-key issues a working secret key', async () => {
    const keys = JSON.parse(await gatehouse('instance', 'keys', '--json', '--new-secret-key'));
    expect(keys.secret_key).toMatch(/^sk_test_/);
    expect(keys.secret_keys.map((k: { last4: string }) => k.last4)).toContain(keys.secret_key.slice(-4));
  });

  it('create makes a production instance with a pk_live_ key for its Frontend API host', async () => {
    const created = JSON.parse(
      await gatehouse(
        'instance',
        'create',
        '--environment',
        'production',
        '--frontend-api-url',
        'https://clerk.example.com',
        '--json',
      ),
    );
    expect(created.publishable_key).toMatch(/^pk_live_/);
    expect(decodePublishableKey(created.publishable_key)?.frontendApiHost).toBe('clerk.example.com');
    expect(created.secret_key).toMatch(/^sk_live_/);
    const list = JSON.parse(await gatehouse('instance', 'list', '--json'));
    expect(list.map((i: { environment: string }) => i.environment).sort()).toEqual(['development', 'production']);
  });

  it('create refuses a second instance on the same host', async () => {
    await expect(
      gatehouse('instance', 'create', '--environment', 'production', '--frontend-api-url', 'https://clerk.example.com'),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('already serves clerk.example.com') });
  });

  it('migrate reports an up-to-date database', async () => {
    expect(await gatehouse('migrate')).toContain('up to date');
  });
});
