/**
 * The Gatehouse half of `npm run example`: reuse the server already listening on PORT (default
 * 3000), or start one in this process on its embedded database (what `npm start` does), then
 * find the development instance's keys:
 * - the secret key an earlier run saved in example-keys.json beside the server's development
 *   secret (.gatehouse/ by default), if the server still accepts it;
 * - else a new one from the runtime (server started here) or from the CLI
 *   (`gatehouse instance keys --new-secret-key --json`, server started elsewhere).
 * The secret key stays on this machine (.gatehouse/ is git-ignored), like the server's own
 * development secret beside the database.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createGatehouseClient } from '@gatehouse/backend';
import { buildApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/config/env.ts';
import { createRuntime, type Runtime, secretFileFor } from '../packages/server/src/runtime.ts';
import { createInstance, createSecretKey, describeInstance } from '../packages/server/src/services/instance-admin.ts';

export interface GatehouseKeys {
  instance_id: string;
  publishable_key: string;
  secret_key: string;
}

export interface RunningGatehouse {
  /** Frontend and Backend API (one server answers both). */
  url: string;
  keys: GatehouseKeys;
  /** Stops the server if this process started it. */
  close(): Promise<void>;
}

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(repo, 'packages', 'server', 'src', 'cli', 'main.ts');

async function isListening(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

async function startInProcess(): Promise<{ runtime: Runtime; close(): Promise<void> }> {
  const loaded = loadConfig();
  // Quieter than `npm start` unless LOG_LEVEL says otherwise: this terminal is the example's.
  const config = { ...loaded, logLevel: process.env.LOG_LEVEL ? loaded.logLevel : 'warn' };
  const runtime = await createRuntime(config);
  const app = await buildApp(runtime.deps, { trustProxy: config.trustProxy });
  await app.listen({ port: config.port, host: config.host });
  return {
    runtime,
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}

/** The saved keys, if the server still accepts the secret key. */
async function savedKeys(file: string, url: string): Promise<GatehouseKeys | null> {
  if (!existsSync(file)) return null;
  const keys = JSON.parse(readFileSync(file, 'utf8')) as GatehouseKeys;
  try {
    const instance = await createGatehouseClient({ secretKey: keys.secret_key, apiUrl: url }).instance.get();
    return instance.id === keys.instance_id ? { ...keys, publishable_key: instance.publishable_key } : null;
  } catch {
    return null;
  }
}

async function keysFromRuntime(runtime: Runtime, url: string): Promise<GatehouseKeys> {
  const { deps } = runtime;
  let [instance] = await deps.store.instances.list();
  instance ??= (await createInstance(deps, { name: 'Development', environment: 'development', frontendApiUrl: url }))
    .instance;
  const { key } = await createSecretKey(deps, instance, 'example app');
  return { instance_id: instance.id, publishable_key: describeInstance(instance).publishable_key, secret_key: key };
}

async function keysFromCli(): Promise<GatehouseKeys> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--conditions=source', CLI, 'instance', 'keys', '--new-secret-key', '--json'],
    { cwd: process.cwd(), env: process.env },
  );
  const out = JSON.parse(stdout) as GatehouseKeys;
  return { instance_id: out.instance_id, publishable_key: out.publishable_key, secret_key: out.secret_key };
}

function saveKeys(file: string, keys: GatehouseKeys): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

export async function ensureGatehouse(): Promise<RunningGatehouse> {
  const { port, databaseUrl } = loadConfig();
  const url = `http://localhost:${port}`;
  // Beside the server's own development secret (the embedded database's folder, or .gatehouse/).
  const file = join(dirname(secretFileFor(databaseUrl)), 'example-keys.json');
  const started = (await isListening(url)) ? null : await startInProcess();
  try {
    let keys = await savedKeys(file, url);
    if (!keys) {
      keys = started ? await keysFromRuntime(started.runtime, url) : await keysFromCli();
      saveKeys(file, keys);
    }
    return { url, keys, close: async () => started?.close() };
  } catch (e) {
    await started?.close();
    throw e;
  }
}
