import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs every suite on the embedded SQLite database, and every suite that reaches
 * storage (server and backend SDK) again on PostgreSQL (TEST_POSTGRES_URL, default
 * postgres://postgres@127.0.0.1:5432/test). The browser SDK, React and Chromium suites drive
 * the same server code through HTTP; they run on PostgreSQL too with
 * GATEHOUSE_TEST_CLIENTS_ON_POSTGRES=1 (`npm run test:postgres:all`), kept out of the default
 * run so CI stays within its time on a 2-CPU machine.
 * `npm run test:sqlite` runs only the first project, for machines without PostgreSQL.
 *
 * Three workers on two CPUs: the suites wait on HTTP, the databases and Chromium more than
 * they compute (measured: 1.8x faster than one worker on the server suites).
 */
const clientsOnPostgres = process.env.GATEHOUSE_TEST_CLIENTS_ON_POSTGRES === '1';
export default defineConfig({
  // Workspace packages export their TypeScript sources under the `source` condition.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions], externalConditions: ['source'] } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default', './scripts/test/timing-reporter.ts'],
    maxWorkers: 3,
    globalSetup: ['e2e/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
            'packages/*/src/**/*.test.tsx',
            'packages/*/test/**/*.test.tsx',
            'e2e/**/*.test.ts',
          ],
          env: { GATEHOUSE_TEST_DB: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: clientsOnPostgres
            ? ['packages/*/test/**/*.test.ts', 'packages/*/test/**/*.test.tsx', 'e2e/**/*.test.ts']
            : ['packages/server/test/**/*.test.ts', 'packages/backend/test/**/*.test.ts'],
          // The Next.js app test exercises the adapter, not the database, and builds dist/:
          // once (in the sqlite project) is enough, and two concurrent builds would race.
          exclude: ['packages/backend/test/nextjs.test.ts'],
          env: { GATEHOUSE_TEST_DB: 'postgres' },
        },
      },
    ],
  },
});
