/**
 * CPU profile of the server under the minting load:
 *   node --conditions=source bench/profile.ts [--dialect sqlite|postgres] [--duration 10]
 *     [--scenario minting|storm|sign-in] [--out DIR] [--top 40]
 *
 * Starts bench/server-entry.ts with BENCH_PROFILE_DIR on a fresh database, runs the
 * token-minting scenario (or `storm`: calm minting, then minting under a hashing storm; or
 * `sign-in`: password sign-ins), samples the server's event loop with the inspector during that one scenario (setup
 * and start-up excluded), writes the `.cpuprofile` to DIR (default a new temporary folder; open
 * it in Chrome DevTools) and prints the functions with the most self time and the most
 * inclusive time. Every run is bounded like the benchmark's; the server is stopped on any error.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createTestDatabase } from '../packages/server/test/fixtures/database.ts';
import {
  mintingUnderStorm,
  passwordSignIn,
  prepareMinting,
  prepareSignInUsers,
  type ScenarioContext,
  tokenMinting,
} from './scenarios.ts';
import { startServerProcess } from './server-process.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'postgres' },
    duration: { type: 'string', default: '10' },
    scenario: { type: 'string', default: 'minting' },
    out: { type: 'string' },
    top: { type: 'string', default: '40' },
  },
});
const dialect = values.dialect === 'sqlite' ? 'sqlite' : 'postgres';
const duration = Math.min(300, Math.max(1, Number(values.duration) || 10));
const top = Number(values.top) || 40;
const out = values.out ?? mkdtempSync(join(tmpdir(), 'gatehouse-prof-'));
mkdirSync(out, { recursive: true });
const log = (msg: string) => process.stderr.write(`${msg}\n`);

process.env.BENCH_PROFILE_DIR = out;
const database = await createTestDatabase(
  dialect,
  process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
);
let file = '';
try {
  const server = await startServerProcess(database.url);
  const profiler = async (action: 'start' | 'stop') => {
    const r = await fetch(`${server.info.url}/__bench/profile?action=${action}`, { method: 'POST' });
    if (r.status !== 200) throw new Error(`profiler ${action}: ${r.status} ${await r.text()}`);
    return (await r.json()) as { file?: string };
  };
  try {
    const ctx: ScenarioContext = { server: server.info, duration, log };
    const sessions = await prepareMinting(ctx);
    if (values.scenario === 'sign-in') {
      const users = await prepareSignInUsers(ctx);
      await profiler('start');
      const r = await passwordSignIn(ctx, users);
      file = (await profiler('stop')).file!;
      log(`sign-in ${r.rps} req/s; server ${JSON.stringify(r.server)}; loop ${r.loop_cpu_us_per_request} µs/req`);
    } else if (values.scenario === 'storm') {
      const users = await prepareSignInUsers(ctx);
      const calm = await tokenMinting(ctx, sessions);
      await profiler('start');
      const storm = await mintingUnderStorm(ctx, sessions, users, calm.rps);
      file = (await profiler('stop')).file!;
      log(`calm ${calm.rps} req/s; storm ${storm.minting.rps} req/s = ${storm.percent_of_calm}% of calm`);
      log(`storm: ${JSON.stringify(storm.storm)}\nserver: ${JSON.stringify(storm.minting.server)}`);
    } else {
      await profiler('start');
      const r = await tokenMinting(ctx, sessions);
      file = (await profiler('stop')).file!;
      log(`minting ${r.rps} req/s; server ${JSON.stringify(r.server)}; loop ${r.loop_cpu_us_per_request} µs/req`);
    }
  } finally {
    await server.stop();
  }
} finally {
  await database.drop();
}

summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, file);

function summarize(p: CpuProfile, path: string): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + dt);
    total += dt;
  });
  const label = (n: ProfileNode) => {
    const url = n.callFrame.url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, '~/');
    const short = url.replace(/^.*\/packages\//, 'packages/');
    return `${n.callFrame.functionName || '(anonymous)'} ${short}${short ? `:${n.callFrame.lineNumber + 1}` : ''}`;
  };
  const selfBy = new Map<string, number>();
  const inclBy = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    selfBy.set(label(n), (selfBy.get(label(n)) ?? 0) + t);
    // Inclusive: each distinct label on the stack once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!);
      if (seen.has(l)) continue;
      seen.add(l);
      inclBy.set(l, (inclBy.get(l) ?? 0) + t);
    }
  }
  const pct = (t: number) => `${((t / total) * 100).toFixed(1).padStart(5)}%`;
  const print = (title: string, m: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [l, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${l}`);
  };
  console.log(`profile: ${path} (${(total / 1e6).toFixed(1)} s sampled)`);
  print('self time', selfBy);
  print('inclusive time', inclBy);
}
