/**
 * Builds the example React app (examples/react-app/dist) once before the end-to-end tests.
 * The app reads its publishable key from the server that serves it, so this one build serves
 * every test server. Skipped when dist/ is newer than every source it is built from.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXAMPLE_APP_ROOT = join(repo, 'examples', 'react-app');
export const EXAMPLE_APP_DIST = join(EXAMPLE_APP_ROOT, 'dist');

const SOURCES = [
  join(EXAMPLE_APP_ROOT, 'src'),
  join(EXAMPLE_APP_ROOT, 'index.html'),
  join(EXAMPLE_APP_ROOT, 'vite.config.ts'),
  join(repo, 'packages', 'react', 'src'),
  join(repo, 'packages', 'js', 'src'),
  join(repo, 'packages', 'shared', 'src'),
];

export function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export default async function buildExampleApp(): Promise<void> {
  const index = join(EXAMPLE_APP_DIST, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs > Math.max(...SOURCES.map(newestMtime))) return;
  await build({ configFile: join(EXAMPLE_APP_ROOT, 'vite.config.ts'), root: EXAMPLE_APP_ROOT, logLevel: 'warn' });
}
