import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs every suite twice: once on the embedded SQLite database and once on
 * PostgreSQL (TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test).
 * `npm run test:sqlite` runs only the first, for machines without PostgreSQL.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
          env: { GATEHOUSE_TEST_DB: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['packages/*/test/**/*.test.ts'],
          env: { GATEHOUSE_TEST_DB: 'postgres' },
        },
      },
    ],
  },
});
