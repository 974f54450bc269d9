/**
 * Compiles @gatehouse/shared and @gatehouse/backend to dist/ (as `npm run build` does) once
 * before the suites, for the tests that load the published shape: the Next.js app and the
 * Node.js 20 script. Once here rather than in each test, so the SQLite and PostgreSQL runs of
 * those tests never compile into the same folder at once. Skipped when dist/ is newer than
 * the sources.
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { newestMtime } from './example.ts';

const run = promisify(execFile);
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const packageDist = (pkg: 'shared' | 'backend'): string => join(repo, 'packages', pkg, 'dist');

async function compile(pkg: 'shared' | 'backend'): Promise<void> {
  const marker = join(packageDist(pkg), 'index.js');
  const sources = [join(repo, 'packages', pkg, 'src'), join(repo, 'packages', pkg, 'tsconfig.build.json')];
  if (existsSync(marker) && statSync(marker).mtimeMs > Math.max(...sources.map(newestMtime))) return;
  const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
  await run(process.execPath, [tsc, '-p', join(repo, 'packages', pkg, 'tsconfig.build.json')]);
}

export default async function buildPackages(): Promise<void> {
  await compile('shared');
  await compile('backend');
}
