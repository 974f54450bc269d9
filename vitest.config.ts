import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs every suite twice: once on the embedded SQLite database and once on
 * PostgreSQL (TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test).
 * `npm run test:sqlite` runs only the first, for machines without PostgreSQL.
 */
export default defineConfig({
  // Workspace packages export their TypeScript sources under the `source` condition.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions], externalConditions: ['source'] } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
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
          include: ['packages/*/test/**/*.test.ts', 'packages/*/test/**/*.test.tsx', 'e2e/**/*.test.ts'],
          // The Next.js app test exercises the adapter, not the database, and builds dist/:
          // once (in the sqlite project) is enough, and two concurrent builds would race.
          exclude: ['packages/backend/test/nextjs.test.ts'],
          env: { GATEHOUSE_TEST_DB: 'postgres' },
        },
      },
    ],
  },
});
