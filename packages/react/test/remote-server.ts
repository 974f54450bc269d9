/** Starts server-process.ts as a child process and talks to it (see that file for why). */
import { type ChildProcess, fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GitHubUser } from '../../server/test/fixtures/oauth/github-server.ts';

export interface RemoteServer {
  url: string;
  publishableKey: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies freely and assert their shape.
  backend(method: string, path: string, body?: Record<string, unknown>): Promise<{ status: number; body: any }>;
  /** The 6-digit code in the newest dev-mailbox message to `to`. */
  lastCode(to: string): Promise<string>;
  advanceClock(ms: number): Promise<void>;
  /** Signs the user in on another device (User-Agent, and IP via a trusted proxy); the session id. */
  signInFrom(email: string, password: string, device: { userAgent: string; ip: string }): Promise<string>;
  /** The GitHub account that authorizes at GitHub's page when the test's `oauthCallback` says `code`. */
  githubAccount(code: string, account: GitHubUser): Promise<void>;
  /**
   * The browser back from the provider at the Frontend API's callback, as the native client
   * `clientToken`, with the round trip's `state` from `authorizationUrl`: where it is sent (303)
   * and the client token the server rotated, if it did.
   */
  oauthCallback(
    authorizationUrl: string,
    clientToken: string,
    answer: { code: string } | { error: string },
  ): Promise<{ status: number; location: string | null; clientToken: string | null; body: unknown }>;
  close(): Promise<void>;
}

let counter = 0;
export const uniqueEmail = (label = 'user') => `${label}.${Date.now()}.${++counter}@example.com`;
export const PASSWORD = 'correct horse battery staple';

export async function startRemoteServer(): Promise<RemoteServer> {
  // Not `new URL(..., import.meta.url)`: in a browser-like environment Vite rewrites that into an asset URL.
  const script = join(dirname(fileURLToPath(import.meta.url)), 'server-process.ts');
  const child: ChildProcess = fork(script, {
    execArgv: ['--conditions=source'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const ready = new Promise<{ url: string; publishableKey: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`test server exited with ${code}`)));
    child.on(
      'message',
      (m: { ready?: true; url: string; publishableKey: string; id?: number; result?: unknown; error?: string }) => {
        if (m.ready) return resolve(m);
        const p = pending.get(m.id!);
        pending.delete(m.id!);
        if (m.error) p?.reject(new Error(m.error));
        else p?.resolve(m.result);
      },
    );
  });
  const call = <T>(msg: Record<string, unknown>) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ ...msg, id });
    });
  const { url, publishableKey } = await ready;
  return {
    url,
    publishableKey,
    backend: (method, path, body) => call({ op: 'backend', method, path, body }),
    lastCode: (to) => call({ op: 'code', to }),
    advanceClock: (ms) => call({ op: 'advance', ms }),
    signInFrom: (email, password, device) => call({ op: 'signInFrom', email, password, ...device }),
    githubAccount: (code, account) => call({ op: 'githubAccount', code, account }),
    oauthCallback: (authorizationUrl, clientToken, answer) =>
      call({ op: 'oauthCallback', authorizationUrl, clientToken, ...answer }),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
