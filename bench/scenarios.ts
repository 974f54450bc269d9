/**
 * The four load scenarios, each an autocannon run (or two) against one running server. Setup
 * (users, signed-in sessions) goes through the public APIs with fetch, like a real application:
 * users are created with the Backend API, sessions come from Frontend API sign-ins.
 */
import { randomBytes } from 'node:crypto';
import autocannon, { type RequestSpec, type Result } from 'autocannon';
import type { ServerInfo } from './server-process.ts';

export const PASSWORD = 'correct horse battery staple';
const FORM = 'application/x-www-form-urlencoded';

export const CONNECTIONS = {
  hello: 50,
  minting: 50,
  signIn: 16,
  storm: 32,
} as const;

/** Users signed in for the minting scenarios (connections cycle through their sessions). */
const MINTING_SESSIONS = 8;
/** Users the sign-in scenarios pick from, round robin. */
const SIGN_IN_USERS = 64;
/** A short unmeasured run before each fast scenario, so JIT and caches are warm. */
const WARMUP_SECONDS = 1;

export interface ServerStats {
  elapsed_ms: number;
  cpu_percent: number;
  main_thread_cpu_percent: number;
  main_thread_cpu_ms: number;
  event_loop_utilization: number;
  event_loop_delay_ms: { p50: number; p99: number; max: number };
}

export interface RunStats {
  connections: number;
  duration_s: number;
  /** Successful (2xx) responses per second. */
  rps: number;
  ok: number;
  /** Latency in ms (of 2xx responses only where the scenario says so). */
  latency_ms: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  status_codes: Record<string, number>;
  /** The server process while the run lasted. */
  server: ServerStats | null;
  /** CPU of the harness (load generator) process, in % of one core. */
  harness_cpu_percent: number;
  /**
   * Event-loop thread CPU per successful response, in µs: what one request costs the loop,
   * whatever else the machine is doing (throughput also depends on what else wants the cores).
   */
  loop_cpu_us_per_request: number | null;
}

export interface ScenarioContext {
  server: ServerInfo;
  duration: number;
  log(msg: string): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function call(
  url: string,
  init: RequestInit & { headers?: Record<string, string> },
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body, headers: res.headers };
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const runId = randomBytes(3).toString('hex');
let emailCounter = 0;
const email = (label: string) => `${label}.${runId}.${++emailCounter}@example.com`;

async function createUsers(ctx: ScenarioContext, count: number, label: string): Promise<string[]> {
  const emails = Array.from({ length: count }, () => email(label));
  await mapLimit(emails, 8, async (address) => {
    const r = await call(`${ctx.server.url}/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.server.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email_address: [address], password: PASSWORD }),
    });
    if (r.status !== 200) throw new Error(`creating user ${address}: ${r.status} ${JSON.stringify(r.body)}`);
  });
  return emails;
}

const signInBody = (identifier: string, password: string) => new URLSearchParams({ identifier, password }).toString();

export interface MintingSession {
  sessionId: string;
  /** The `__client` cookie as a browser would send it. */
  cookie: string;
}

/** Signs in through the Frontend API from a fresh client and keeps its `__client` cookie. */
async function signIn(ctx: ScenarioContext, identifier: string): Promise<MintingSession> {
  const r = await call(`${ctx.server.url}/v1/client/sign_ins`, {
    method: 'POST',
    headers: { 'content-type': FORM },
    body: signInBody(identifier, PASSWORD),
  });
  const body = r.body as { response?: { status?: string; created_session_id?: string } };
  if (r.status !== 200 || body.response?.status !== 'complete' || !body.response.created_session_id)
    throw new Error(`signing in ${identifier}: ${r.status} ${JSON.stringify(r.body)}`);
  const pair = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('__client='));
  if (!pair) throw new Error(`signing in ${identifier}: no __client cookie`);
  return { sessionId: body.response.created_session_id, cookie: pair };
}

/**
 * The minting request as Clerk's browser SDK sends it: a form-encoded POST with an empty body.
 * (A POST with no body and no content type is refused by the route's body schema.)
 */
const mintRequest = (s: MintingSession): RequestSpec => ({
  method: 'POST',
  path: `/v1/client/sessions/${s.sessionId}/tokens`,
  headers: { cookie: s.cookie, 'content-type': FORM, 'content-length': '0' },
});

export async function serverStats(ctx: ScenarioContext, reset: boolean): Promise<ServerStats | null> {
  try {
    const r = await call(`${ctx.server.url}/__bench/stats${reset ? '?reset=1' : ''}`, { method: 'GET' });
    return r.status === 200 ? (r.body as ServerStats) : null;
  } catch {
    return null;
  }
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

function summarize(
  r: Result,
  connections: number,
  server: ServerStats | null,
  harnessCpu: NodeJS.CpuUsage,
  wallMs: number,
): RunStats {
  const status_codes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(r.statusCodeStats)) status_codes[code] = Number(count);
  return {
    connections,
    duration_s: r.duration,
    rps: round(r['2xx'] / r.duration),
    ok: r['2xx'],
    latency_ms: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    status_codes,
    server,
    harness_cpu_percent: Math.round(((harnessCpu.user + harnessCpu.system) / 1000 / wallMs) * 100),
    loop_cpu_us_per_request: server && r['2xx'] > 0 ? Math.round((server.main_thread_cpu_ms * 1000) / r['2xx']) : null,
  };
}

/** One measured autocannon run, with the server's and the harness's CPU over the same period. */
async function measure(
  ctx: ScenarioContext,
  opts: { path?: string; connections: number; requests?: RequestSpec[]; excludeErrorStats?: boolean },
): Promise<RunStats> {
  await serverStats(ctx, true);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await autocannon({
    url: `${ctx.server.url}${opts.path ?? '/'}`,
    connections: opts.connections,
    duration: ctx.duration,
    timeout: 10,
    requests: opts.requests,
    excludeErrorStats: opts.excludeErrorStats ?? true,
  });
  const wallMs = performance.now() - started;
  const harnessCpu = process.cpuUsage(cpu);
  return summarize(result, opts.connections, await serverStats(ctx, false), harnessCpu, wallMs);
}

async function warmUp(ctx: ScenarioContext, opts: { path?: string; connections: number; requests?: RequestSpec[] }) {
  await autocannon({
    url: `${ctx.server.url}${opts.path ?? '/'}`,
    connections: opts.connections,
    duration: WARMUP_SECONDS,
    requests: opts.requests,
  });
}

/** 1. GET /healthz: the floor, what Fastify and the machine manage with no work behind the route. */
export async function helloWorld(ctx: ScenarioContext): Promise<RunStats> {
  const opts = { path: '/healthz', connections: CONNECTIONS.hello };
  await warmUp(ctx, opts);
  return measure(ctx, opts);
}

/** Signs in a few users; their sessions serve the minting scenarios. */
export async function prepareMinting(ctx: ScenarioContext): Promise<MintingSession[]> {
  const emails = await createUsers(ctx, MINTING_SESSIONS, 'minter');
  const sessions = await mapLimit(emails, 4, (e) => signIn(ctx, e));
  const check = await call(`${ctx.server.url}${mintRequest(sessions[0]!).path}`, {
    method: 'POST',
    headers: { cookie: sessions[0]!.cookie, 'content-type': FORM },
    body: '',
  });
  if (check.status !== 200 || typeof (check.body as { jwt?: unknown }).jwt !== 'string')
    throw new Error(`minting a token: ${check.status} ${JSON.stringify(check.body)}`);
  return sessions;
}

/** 2. POST /v1/client/sessions/{id}/tokens with the `__client` cookie: the hot path. */
export async function tokenMinting(ctx: ScenarioContext, sessions: MintingSession[]): Promise<RunStats> {
  const opts = { connections: CONNECTIONS.minting, requests: sessions.map(mintRequest) };
  await warmUp(ctx, opts);
  return measure(ctx, opts);
}

/** Users for the sign-in and storm scenarios. */
export const prepareSignInUsers = (ctx: ScenarioContext) => createUsers(ctx, SIGN_IN_USERS, 'signin');

/** 3. POST /v1/client/sign_ins {identifier, password} from a fresh client each time (no cookie). */
export async function passwordSignIn(ctx: ScenarioContext, users: string[]): Promise<RunStats> {
  let n = 0;
  const requests: RequestSpec[] = [
    {
      setupRequest: (req) => ({
        ...req,
        method: 'POST',
        path: '/v1/client/sign_ins',
        headers: { 'content-type': FORM },
        body: signInBody(users[n++ % users.length]!, PASSWORD),
      }),
    },
  ];
  return measure(ctx, { connections: CONNECTIONS.signIn, requests });
}

export interface StormStats {
  minting: RunStats;
  /** Minting requests/s under the storm as a % of the calm minting rate. */
  percent_of_calm: number;
  storm: {
    connections: number;
    duration_s: number;
    /** Requests that reached password hashing (sign-ups created, wrong passwords refused) per second. */
    hashed_per_s: number;
    status_codes: Record<string, number>;
    latency_ms: { p50: number; p99: number; max: number };
    errors: number;
    timeouts: number;
  };
}

/**
 * 4. Token minting (as in 2) while a second autocannon instance keeps password hashing
 * saturated: sign-ups with fresh emails and random passwords (each hashes once) alternating
 * with wrong-password sign-ins for existing users (each verifies once). The storm starts a
 * second before the minting run and ends a second after it.
 */
export async function mintingUnderStorm(
  ctx: ScenarioContext,
  sessions: MintingSession[],
  users: string[],
  calmRps: number,
): Promise<StormStats> {
  let n = 0;
  const stormRequests: RequestSpec[] = [
    {
      setupRequest: (req) => {
        const i = n++;
        const password = `wrong-${randomBytes(8).toString('hex')}`;
        if (i % 2 === 0)
          return {
            ...req,
            method: 'POST',
            path: '/v1/client/sign_ups',
            headers: { 'content-type': FORM },
            body: new URLSearchParams({ email_address: email('storm'), password }).toString(),
          };
        return {
          ...req,
          method: 'POST',
          path: '/v1/client/sign_ins',
          headers: { 'content-type': FORM },
          body: signInBody(users[i % users.length]!, password),
        };
      },
    },
  ];
  const storm = autocannon({
    url: `${ctx.server.url}/`,
    connections: CONNECTIONS.storm,
    duration: ctx.duration + 2,
    timeout: 10,
    requests: stormRequests,
  });
  try {
    await sleep(1000);
    const minting = await measure(ctx, { connections: CONNECTIONS.minting, requests: sessions.map(mintRequest) });
    const s = await storm;
    const codes: Record<string, number> = {};
    for (const [code, { count }] of Object.entries(s.statusCodeStats)) codes[code] = Number(count);
    // 200: sign-up created (hashed); 422: wrong password (verified). 503 (server_busy) did not hash.
    const hashed = (codes['200'] ?? 0) + (codes['422'] ?? 0);
    return {
      minting,
      percent_of_calm: calmRps > 0 ? round((minting.rps / calmRps) * 100) : 0,
      storm: {
        connections: CONNECTIONS.storm,
        duration_s: s.duration,
        hashed_per_s: round(hashed / s.duration),
        status_codes: codes,
        latency_ms: { p50: s.latency.p50, p99: s.latency.p99, max: s.latency.max },
        errors: s.errors,
        timeouts: s.timeouts,
      },
    };
  } finally {
    storm.stop();
  }
}
