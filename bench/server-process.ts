/**
 * Runs `bench/server-entry.ts` as a child process on 127.0.0.1 with a random port and waits for
 * its ready line. Every child is killed when the harness exits, whatever the reason: `stop()`
 * sends SIGTERM then SIGKILL after 5 s, and an `exit` hook SIGKILLs any child still alive.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface ServerInfo {
  url: string;
  secretKey: string;
  pid: number;
  hashConcurrency: number;
  threadpoolSize: number;
}

export interface ServerProcess {
  info: ServerInfo;
  /** The last lines the server wrote to stderr (its log), for error reports. */
  logTail(): string;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** SIGKILLs every server still running and waits (up to 5 s) for them to go: for Ctrl-C. */
export async function killAllServers(): Promise<void> {
  await Promise.all(
    [...live].map((child) => {
      child.kill('SIGKILL');
      return waitForExit(child, 5000);
    }),
  );
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export interface StartOptions {
  startTimeoutMs?: number;
  /** Extra Node.js options for the server, e.g. `['--cpu-prof', '--cpu-prof-dir=/tmp/prof']`. */
  nodeArgs?: string[];
  /** Extra environment for the server (e.g. `GATEHOUSE_OAUTH_GITHUB_BASE_URL` for the social scenario). */
  env?: Record<string, string>;
}

export async function startServerProcess(databaseUrl: string, opts: StartOptions = {}): Promise<ServerProcess> {
  const { startTimeoutMs = 60_000, nodeArgs = [], env = {} } = opts;
  const entry = fileURLToPath(new URL('./server-entry.ts', import.meta.url));
  const child = spawn(process.execPath, ['--conditions=source', ...nodeArgs, entry], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      GATEHOUSE_SECRET: randomBytes(32).toString('hex'),
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));

  const tail: string[] = [];
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    tail.push(chunk);
    if (tail.length > 40) tail.shift();
  });
  const logTail = () => tail.join('').trim();

  const stop = async () => {
    if (exited(child)) return;
    child.stdin!.end();
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 5000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 5000);
    }
  };

  try {
    const info = await new Promise<ServerInfo>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the server did not start within ${startTimeoutMs} ms\n${logTail()}`)),
        startTimeoutMs,
      );
      const lines = createInterface({ input: child.stdout! });
      lines.once('line', (line) => {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(line) as ServerInfo);
        } catch {
          reject(new Error(`unexpected first line from the server: ${line}`));
        }
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${code ?? signal}) before it was ready\n${logTail()}`));
      });
    });
    return { info, logTail, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
