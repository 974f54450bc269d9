/**
 * Builds the Account Portal (packages/portal → packages/portal/dist) unless dist is already
 * newer than every source it is built from. Used by `npm start` (prestart) and by the
 * end-to-end tests' global setup. `--force` always builds.
 *
 * The build goes to a work folder that then replaces dist/, so a server running meanwhile
 * never reads a half-written manifest; a lock folder keeps two processes (two test runs) from
 * building at once.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PORTAL = join(ROOT, 'packages', 'portal');
const DIST = join(PORTAL, 'dist');
const MANIFEST = join(DIST, '.vite', 'manifest.json');
// Work files live in node_modules/.cache (ignored by git), on the same disk as dist/ for the rename.
const WORK = join(PORTAL, 'node_modules', '.cache', 'portal-build');
const LOCK = join(WORK, 'lock');
/** A build takes seconds; a lock this old was left by a killed process. */
const LOCK_STALE_MS = 60_000;

/** What the bundle is made of: a change to any of these makes dist stale. */
const INPUTS = [
  join(PORTAL, 'src'),
  join(PORTAL, 'vite.config.ts'),
  join(PORTAL, 'package.json'),
  join(ROOT, 'packages', 'react', 'src'),
  join(ROOT, 'packages', 'js', 'src'),
  join(ROOT, 'packages', 'shared', 'src'),
  join(ROOT, 'package-lock.json'),
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function portalIsStale(): boolean {
  if (!existsSync(MANIFEST)) return true;
  const built = statSync(MANIFEST).mtimeMs;
  return INPUTS.some((p) => newestMtime(p) > built);
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(WORK, { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another process is building; a lock left by a killed build expires.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > LOCK_STALE_MS) rmSync(LOCK, { recursive: true });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds the portal when stale (or always with `force`); resolves once dist/ is current. */
export async function buildPortal(opts: { force?: boolean } = {}): Promise<{ built: boolean }> {
  if (!opts.force && !portalIsStale()) return { built: false };
  return withLock(async () => {
    if (!opts.force && !portalIsStale()) return { built: false }; // built by whoever held the lock
    const tmp = join(WORK, `dist-${process.pid}`);
    const old = join(WORK, `old-${process.pid}`);
    const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    try {
      await promisify(execFile)(process.execPath, [vite, 'build', PORTAL, '--outDir', tmp, '--emptyOutDir'], {
        cwd: ROOT,
        // A test runner's NODE_ENV=test would give React's development build.
        env: { ...process.env, NODE_ENV: 'production' },
      });
      if (existsSync(DIST)) renameSync(DIST, old);
      renameSync(tmp, DIST);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
      rmSync(old, { recursive: true, force: true });
    }
    return { built: true };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { built } = await buildPortal({ force: process.argv.includes('--force') });
  console.log(built ? 'Account Portal built (packages/portal/dist).' : 'Account Portal is up to date.');
}
