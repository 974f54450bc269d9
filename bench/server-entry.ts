/**
 * The server under test, run as a child process of `bench/run.ts` so the load generator does
 * not share its event loop. Configured like `gatehouse start` from environment variables
 * (DATABASE_URL, GATEHOUSE_SECRET, PORT=0, HOST, PASSWORD_HASH_CONCURRENCY, UV_THREADPOOL_SIZE,
 * LOG_LEVEL: `warn` unless set, so request logs do not dominate the figures; logs go to stderr).
 *
 * Creates a development instance with rate limits off, then prints ONE JSON line on stdout:
 *   {"url","secretKey","pid","hashConcurrency","threadpoolSize"}
 *
 * Adds one route the real server does not have, `GET /__bench/stats[?reset=1]`: this process's
 * CPU time, event-loop utilisation and event-loop delay since the last reset, so the harness
 * can tell a busy event loop from a starved one. It stops on SIGTERM/SIGINT, and when its
 * stdin closes (the harness died), so it never outlives the run.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pino from 'pino';
import { buildApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/config/env.ts';
import { loggerOptions } from '../packages/server/src/http/logging.ts';
import { createRuntime } from '../packages/server/src/runtime.ts';
import { createInstance } from '../packages/server/src/services/instance-admin.ts';

const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL || 'warn' });
const logger = pino(loggerOptions(config.logLevel), pino.destination(2));
const runtime = await createRuntime(config, { logger });
const app = await buildApp(runtime.deps, { trustProxy: config.trustProxy });

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
let eluMark = performance.eventLoopUtilization();
let cpuMark = process.cpuUsage();
let threadCpuMark = process.threadCpuUsage();
let timeMark = performance.now();

app.get('/__bench/stats', { schema: { hide: true } }, async (request) => {
  const elu = performance.eventLoopUtilization(eluMark);
  const cpu = process.cpuUsage(cpuMark);
  const threadCpu = process.threadCpuUsage(threadCpuMark);
  const elapsedMs = performance.now() - timeMark;
  const stats = {
    elapsed_ms: Math.round(elapsedMs),
    // CPU of the whole process (event loop + libuv threadpool + GC), in % of one core.
    cpu_percent: Math.round(((cpu.user + cpu.system) / 1000 / elapsedMs) * 100),
    // CPU of the event-loop thread alone: below the loop's utilisation when it waits for a core.
    main_thread_cpu_percent: Math.round(((threadCpu.user + threadCpu.system) / 1000 / elapsedMs) * 100),
    main_thread_cpu_ms: Math.round((threadCpu.user + threadCpu.system) / 1000),
    event_loop_utilization: Number(elu.utilization.toFixed(3)),
    event_loop_delay_ms: {
      p50: Number((delay.percentile(50) / 1e6).toFixed(2)),
      p99: Number((delay.percentile(99) / 1e6).toFixed(2)),
      max: Number((delay.max / 1e6).toFixed(2)),
    },
  };
  if ((request.query as Record<string, string> | undefined)?.reset === '1') {
    delay.reset();
    eluMark = performance.eventLoopUtilization();
    cpuMark = process.cpuUsage();
    threadCpuMark = process.threadCpuUsage();
    timeMark = performance.now();
  }
  return stats;
});

// With BENCH_PROFILE_DIR set (bench/profile.ts): `POST /__bench/profile?action=start|stop` samples the
// event loop's CPU with the inspector and writes the profile to that folder on stop.
const profileDir = process.env.BENCH_PROFILE_DIR;
if (profileDir) {
  const inspector = new Session();
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
  app.post('/__bench/profile', { schema: { hide: true } }, async (request) => {
    const action = (request.query as Record<string, string> | undefined)?.action;
    if (action === 'start') {
      await inspector.post('Profiler.start');
      return { started: true };
    }
    const { profile } = await inspector.post('Profiler.stop');
    const file = join(profileDir, `main-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    return { file };
  });
}

await app.listen({ port: config.port, host: config.host });
const port = (app.server.address() as { port: number }).port;
const url = `http://${config.host}:${port}`;
const { secretKey } = await createInstance(runtime.deps, {
  name: 'Benchmark',
  environment: 'development',
  frontendApiUrl: url,
  // The benchmark measures hashing and minting, not the attack protections that would stop it:
  // sign-ins come from fresh clients (Client Trust would add a mailed code), the storm's wrong
  // passwords would lock its users (then nothing hashes), and rate limits would refuse the load.
  settings: {
    attack_protection: {
      rate_limits: { enabled: false },
      client_trust: { enabled: false },
      user_lockout: { enabled: false },
      new_device_alerts: { enabled: false },
    },
  },
});

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(code), 5000);
  force.unref();
  try {
    await app.close();
    await runtime.close();
  } finally {
    process.exit(code);
  }
}
process.once('SIGTERM', () => void stop(0));
process.once('SIGINT', () => void stop(0));
process.stdin.on('end', () => void stop(0));
process.stdin.on('error', () => void stop(0));
process.stdin.resume();

process.stdout.write(
  `${JSON.stringify({
    url,
    secretKey,
    pid: process.pid,
    hashConcurrency: config.hashConcurrency ?? Math.max(1, availableParallelism() - 1),
    threadpoolSize: Number(process.env.UV_THREADPOOL_SIZE) || 4,
  })}\n`,
);
