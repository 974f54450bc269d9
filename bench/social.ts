/**
 * 5. Social sign-in round trips: a returning GitHub user signs in through the whole redirect
 * flow, from a fresh native client each time (`_is_native`, the client token in
 * `Authorization`): `POST /v1/client/sign_ins {strategy: oauth_github}`, the browser at GitHub's
 * authorization page (the test suite's GitHub fixture, in this process), back at
 * `GET /v1/oauth_callback`, where the server exchanges the code and reads `/user` and
 * `/user/emails` from the fixture, then makes the session. A closed loop: `SOCIAL_WORKERS`
 * round trips in flight for the run's duration; each counts once its callback answered 303.
 * `BENCH_DEBUG=1` prints the answer of a callback that did not.
 */
import { performance } from 'node:perf_hooks';
import { type GitHubServer, startGitHubServer } from '../packages/server/test/fixtures/oauth/github-server.ts';
import { type ScenarioContext, type ServerStats, serverStats } from './scenarios.ts';

export const SOCIAL_WORKERS = 16;
const CLIENT_ID = 'bench-github';
const CLIENT_SECRET = 'bench-github-secret';
const APP_CALLBACK = 'http://localhost:5173/sso-callback';

export interface SocialStats {
  workers: number;
  duration_s: number;
  /** Completed round trips (sign-ins) per second. */
  round_trips_per_s: number;
  ok: number;
  failed: number;
  /** Round-trip latency (three requests from the browser, three from the server to the provider). */
  latency_ms: { p50: number; p99: number; max: number };
  failures: Record<string, number>;
  server: ServerStats | null;
}

export interface BenchGitHub {
  github: GitHubServer;
  /** Registers the server's callback URL with the GitHub app, once the server listens. */
  allowCallback(url: string): void;
}

/** The GitHub fixture the server's `oauth_github` points at; start it before the server. */
export async function startBenchGitHub(): Promise<BenchGitHub> {
  const app = { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [] as string[] };
  const github = await startGitHubServer({
    clients: [app],
    users: [
      {
        id: 4242,
        login: 'bench',
        name: 'Bench User',
        emails: [{ email: 'bench@example.com', primary: true, verified: true }],
      },
    ],
  });
  return { github, allowCallback: (url) => void app.redirect_uris.push(url) };
}

// biome-ignore lint/suspicious/noExplicitAny: a loosely read answer, checked where used
async function json(res: Response): Promise<Record<string, any>> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return { text };
  }
}

/** One round trip; its failure reason, or null. */
async function roundTrip(ctx: ScenarioContext): Promise<string | null> {
  const base = ctx.server.url;
  const started = await fetch(`${base}/v1/client/sign_ins?_is_native=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ strategy: 'oauth_github', redirect_url: APP_CALLBACK }).toString(),
  });
  const token = started.headers.get('authorization');
  const body = await json(started);
  const authorize = body.response?.first_factor_verification?.external_verification_redirect_url;
  if (started.status !== 200 || !token || typeof authorize !== 'string') return `start_${started.status}`;
  const page = await fetch(authorize, { redirect: 'manual' });
  await page.body?.cancel();
  const back = page.headers.get('location');
  if (page.status !== 302 || !back) return `provider_${page.status}`;
  const callback = new URL(back);
  callback.searchParams.set('_is_native', 'true');
  const done = await fetch(callback, { headers: { authorization: `Bearer ${token}` }, redirect: 'manual' });
  const answer = await done.text();
  if (process.env.BENCH_DEBUG && done.status !== 303) console.error(answer);
  // Completed sign-ins go to the completion URL; anything else names the app's callback page with more to do.
  return done.status === 303 ? null : `callback_${done.status}`;
}

const pct = (sorted: number[], p: number) =>
  sorted.length ? Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1)) : 0;

export async function socialSignIn(ctx: ScenarioContext, provider: BenchGitHub): Promise<SocialStats> {
  const base = ctx.server.url;
  provider.allowCallback(`${base}/v1/oauth_callback`);
  const patched = await fetch(`${base}/v1/instance/settings`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${ctx.server.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      social: { providers: { github: { enabled: true, client_id: CLIENT_ID, client_secret: CLIENT_SECRET } } },
    }),
  });
  if (patched.status !== 200)
    throw new Error(`enabling GitHub: ${patched.status} ${JSON.stringify(await json(patched))}`);
  // The first round trip signs the user up; the measured ones sign the returning user in.
  const first = await roundTrip(ctx);
  if (first) throw new Error(`the first social round trip failed: ${first}`);
  for (let i = 0; i < 20; i++) await roundTrip(ctx); // warm-up, unmeasured

  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  await serverStats(ctx, true);
  const started = performance.now();
  const end = started + ctx.duration * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      const failure = await roundTrip(ctx).catch((e: unknown) => `error_${(e as Error).name}`);
      if (failure) failures[failure] = (failures[failure] ?? 0) + 1;
      else latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: SOCIAL_WORKERS }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const server = await serverStats(ctx, false);
  latencies.sort((a, b) => a - b);
  return {
    workers: SOCIAL_WORKERS,
    duration_s: Number(elapsed.toFixed(1)),
    round_trips_per_s: Number((latencies.length / elapsed).toFixed(1)),
    ok: latencies.length,
    failed: Object.values(failures).reduce((a, b) => a + b, 0),
    latency_ms: { p50: pct(latencies, 50), p99: pct(latencies, 99), max: pct(latencies, 100) },
    failures,
    server,
  };
}
