/**
 * Runs once before every test project (vitest `globalSetup`): each module in e2e/builds/
 * builds what the end-to-end tests serve (the Account Portal's assets, the example app), so
 * the SQLite and PostgreSQL projects never build the same thing at once.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'builds');

export default async function setup(): Promise<void> {
  if (!existsSync(dir)) return;
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((f) => f.isFile() && f.name.endsWith('.ts'))
    .map((f) => f.name)
    .sort();
  for (const file of files) {
    const build = (await import(join(dir, file))) as { default: () => Promise<void> };
    await build.default();
  }
}
