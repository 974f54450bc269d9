/**
 * Gatehouse benchmark: `npm run bench -- [--duration 10] [--dialect sqlite|postgres|both]`.
 *
 * For each database, starts the server as a child process (bench/server-entry.ts) on a fresh
 * database, runs the five scenarios of bench/scenarios.ts and bench/social.ts against 127.0.0.1, prints a table and
 * writes bench/results/latest-<dialect>.json. Every run is bounded in time; the child process
 * is stopped at the end, on failure and on Ctrl-C. See bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { createTestDatabase } from '../packages/server/test/fixtures/database.ts';

type Dialect = 'sqlite' | 'postgres';
// The same scratch-database helper the tests use.
const BENCH_POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

import {
  CONNECTIONS,
  helloWorld,
  mintingUnderStorm,
  passwordSignIn,
  prepareMinting,
  prepareSignInUsers,
  type RunStats,
  type ScenarioContext,
  type StormStats,
  tokenMinting,
} from './scenarios.ts';
import { killAllServers, startServerProcess } from './server-process.ts';
import { SOCIAL_WORKERS, type SocialStats, socialSignIn, startBenchGitHub } from './social.ts';

const STORM_TARGET_PERCENT = 80;

/** Databases created and not dropped yet, for an interrupted run. */
const pendingDrops = new Set<() => Promise<void>>();

const USAGE = `usage: npm run bench -- [--duration SECONDS] [--dialect sqlite|postgres|both]
  --duration   seconds per measured run (default 10, 1 to 300)
  --dialect    database to run against (default both)
Environment passed to the server: PASSWORD_HASH_CONCURRENCY, UV_THREADPOOL_SIZE, LOG_LEVEL (default warn),
BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test).`;

interface DialectResults {
  dialect: Dialect;
  date: string;
  duration_s: number;
  machine: { node: string; cpus: number; cpu_model: string; platform: string };
  server: { hash_concurrency: number; threadpool_size: number };
  scenarios: {
    hello_world: RunStats;
    token_minting: RunStats & { ratio_to_hello_world: number };
    password_sign_in: RunStats;
    minting_under_storm: StormStats & { target_percent: number; meets_target: boolean };
    social_sign_in: SocialStats;
  };
}

function parseCli(): { duration: number; dialects: Dialect[] } {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      dialect: { type: 'string', default: 'both' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const duration = Number(values.duration);
  if (!Number.isInteger(duration) || duration < 1 || duration > 300)
    throw new TypeError(`--duration must be a whole number of seconds from 1 to 300\n${USAGE}`);
  const d = values.dialect;
  if (d !== 'sqlite' && d !== 'postgres' && d !== 'both')
    throw new TypeError(`--dialect must be sqlite, postgres or both\n${USAGE}`);
  return { duration, dialects: d === 'both' ? ['sqlite', 'postgres'] : [d] };
}

const log = (msg: string) => process.stderr.write(`${msg}\n`);

async function benchDialect(dialect: Dialect, duration: number): Promise<DialectResults> {
  log(`\n== ${dialect}: starting the server (child process)`);
  const database = await createTestDatabase(dialect, BENCH_POSTGRES_URL);
  pendingDrops.add(database.drop);
  try {
    const github = await startBenchGitHub();
    const server = await startServerProcess(database.url, {
      env: { GATEHOUSE_OAUTH_GITHUB_BASE_URL: github.github.url },
    });
    try {
      const ctx: ScenarioContext = { server: server.info, duration, log };
      log(
        `   ${server.info.url} pid ${server.info.pid}, hash concurrency ${server.info.hashConcurrency}, threadpool ${server.info.threadpoolSize}`,
      );

      log('-- setup: users through the Backend API, sessions through the Frontend API');
      const sessions = await prepareMinting(ctx);
      const users = await prepareSignInUsers(ctx);

      log(`-- 1/5 hello world: GET /healthz, ${CONNECTIONS.hello} connections, ${duration} s`);
      const hello = await helloWorld(ctx);

      log(`-- 3/5 password sign-in: POST /v1/client/sign_ins, ${CONNECTIONS.signIn} connections`);
      const signIn = await passwordSignIn(ctx, users);

      // Calm minting right before the storm, so both see the machine in the same state.
      log(`-- 2/5 token minting: POST /v1/client/sessions/{id}/tokens, ${CONNECTIONS.minting} connections`);
      const minting = await tokenMinting(ctx, sessions);

      log(`-- 4/5 minting under a hashing storm (${CONNECTIONS.storm} storm connections)`);
      const storm = await mintingUnderStorm(ctx, sessions, users, minting.rps);

      log(`-- 5/5 social sign-in round trips (GitHub fixture), ${SOCIAL_WORKERS} in flight`);
      const social = await socialSignIn(ctx, github);

      return {
        dialect,
        date: new Date().toISOString(),
        duration_s: duration,
        machine: {
          node: process.version,
          cpus: availableParallelism(),
          cpu_model: cpus()[0]?.model ?? 'unknown',
          platform: `${process.platform}-${process.arch}`,
        },
        server: { hash_concurrency: server.info.hashConcurrency, threadpool_size: server.info.threadpoolSize },
        scenarios: {
          hello_world: hello,
          token_minting: { ...minting, ratio_to_hello_world: hello.rps > 0 ? round2(minting.rps / hello.rps) : 0 },
          password_sign_in: signIn,
          minting_under_storm: {
            ...storm,
            target_percent: STORM_TARGET_PERCENT,
            meets_target: storm.percent_of_calm >= STORM_TARGET_PERCENT,
          },
          social_sign_in: social,
        },
      };
    } catch (err) {
      const tail = server.logTail();
      if (tail) log(`server log (tail):\n${tail}`);
      throw err;
    } finally {
      await server.stop();
      await github.github.close();
    }
  } finally {
    pendingDrops.delete(database.drop);
    await database.drop();
  }
}

const round2 = (n: number) => Number(n.toFixed(2));

function table(r: DialectResults): string {
  const s = r.scenarios;
  const lat = (x: RunStats) => [`${x.latency_ms.p50} ms`, `${x.latency_ms.p99} ms`];
  const srv = (x: RunStats) =>
    x.server
      ? `server cpu ${x.server.cpu_percent}% (loop thread ${x.server.main_thread_cpu_percent}%, ` +
        `${x.loop_cpu_us_per_request} µs/req), loop util ${x.server.event_loop_utilization}`
      : '';
  const failures = (x: RunStats) => {
    const bad = x.non2xx + x.errors;
    return bad ? `, ${bad} failed (${JSON.stringify(x.status_codes)})` : '';
  };
  const rows: string[][] = [
    ['scenario', 'conns', 'req/s', 'p50', 'p99', 'notes'],
    [
      'hello world',
      String(s.hello_world.connections),
      String(s.hello_world.rps),
      ...lat(s.hello_world),
      srv(s.hello_world),
    ],
    [
      'token minting',
      String(s.token_minting.connections),
      String(s.token_minting.rps),
      ...lat(s.token_minting),
      `${s.token_minting.ratio_to_hello_world}x hello world; ${srv(s.token_minting)}${failures(s.token_minting)}`,
    ],
    [
      'password sign-in',
      String(s.password_sign_in.connections),
      String(s.password_sign_in.rps),
      ...lat(s.password_sign_in),
      `sign-ins/s; ${srv(s.password_sign_in)}${failures(s.password_sign_in)}`,
    ],
    [
      'minting under storm',
      String(s.minting_under_storm.minting.connections),
      String(s.minting_under_storm.minting.rps),
      ...lat(s.minting_under_storm.minting),
      `${s.minting_under_storm.percent_of_calm}% of calm (target >= ${STORM_TARGET_PERCENT}%: ${
        s.minting_under_storm.meets_target ? 'met' : 'MISSED'
      }); ${srv(s.minting_under_storm.minting)}`,
    ],
    [
      '  the storm itself',
      String(s.minting_under_storm.storm.connections),
      String(s.minting_under_storm.storm.hashed_per_s),
      `${s.minting_under_storm.storm.latency_ms.p50} ms`,
      `${s.minting_under_storm.storm.latency_ms.p99} ms`,
      `hashes/s; status ${JSON.stringify(s.minting_under_storm.storm.status_codes)}`,
    ],
    [
      'social sign-in',
      String(s.social_sign_in.workers),
      String(s.social_sign_in.round_trips_per_s),
      `${s.social_sign_in.latency_ms.p50} ms`,
      `${s.social_sign_in.latency_ms.p99} ms`,
      `round trips/s (3 browser + 3 provider requests each)${
        s.social_sign_in.server ? `; server cpu ${s.social_sign_in.server.cpu_percent}%` : ''
      }${s.social_sign_in.failed ? `, ${s.social_sign_in.failed} failed (${JSON.stringify(s.social_sign_in.failures)})` : ''}`,
    ],
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    row.map((cell, c) => (c >= 1 && c <= 4 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ');
  return [
    `${r.dialect} — ${r.duration_s} s per run, ${r.machine.cpus} CPUs, Node ${r.machine.node}, ` +
      `hash concurrency ${r.server.hash_concurrency}, threadpool ${r.server.threadpool_size}`,
    line(rows[0]!),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
  ].join('\n');
}

async function main(): Promise<void> {
  const { duration, dialects } = parseCli();
  const resultsDir = new URL('./results/', import.meta.url);
  mkdirSync(resultsDir, { recursive: true });
  const tables: string[] = [];
  for (const dialect of dialects) {
    const results = await benchDialect(dialect, duration);
    const file = new URL(`latest-${dialect}.json`, resultsDir);
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    log(`   wrote ${file.pathname}`);
    tables.push(table(results));
  }
  console.log(`\n${tables.join('\n\n')}`);
}

// Ctrl-C: kill the server, drop its database, exit (a second Ctrl-C exits at once).
async function interrupted(code: number): Promise<void> {
  process.once('SIGINT', () => process.exit(code));
  log('\ninterrupted: stopping the server and dropping the benchmark database');
  const force = setTimeout(() => process.exit(code), 10_000);
  await killAllServers();
  await Promise.allSettled([...pendingDrops].map((drop) => drop()));
  clearTimeout(force);
  process.exit(code);
}
process.once('SIGINT', () => void interrupted(130));
process.once('SIGTERM', () => void interrupted(143));

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
