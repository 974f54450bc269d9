import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs every suite on the embedded SQLite database and again on PostgreSQL
 * (TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test): the server, the
 * backend SDK, the browser SDK, React and the Chromium suites. Pure unit tests beside the
 * sources (`packages/<name>/src`) reach no database and run once.
 * `npm run test:sqlite` runs the SQLite projects only, for machines without PostgreSQL;
 * `npm run test:quick` the SQLite server suites only, for the inner loop.
 *
 * The node projects share modules between the files of a worker (`isolate: false`): importing
 * the server's module graph cost about 3 s per file, and each file starts its own servers on
 * fresh databases anyway. The React projects run in happy-dom, one fresh environment per file.
 *
 * Three workers on two CPUs: the suites wait on HTTP, the databases and Chromium more than
 * they compute. The reporter prints the slowest files and the time per project after each run.
 */
const NODE_SUITES = ['packages/*/test/**/*.test.ts', 'e2e/**/*.test.ts'];
const REACT_SUITES = ['packages/*/test/**/*.test.tsx'];
const UNIT_TESTS = ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx'];

const project = (name: string, db: 'sqlite' | 'postgres', include: string[], isolate: boolean) => ({
  extends: true as const,
  test: { name, include, isolate, env: { GATEHOUSE_TEST_DB: db } },
});

export default defineConfig({
  // Workspace packages export their TypeScript sources under the `source` condition.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions], externalConditions: ['source'] } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 3,
    reporters: ['default', './scripts/test/timing-reporter.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    projects: [
      project('unit', 'sqlite', UNIT_TESTS, false),
      project('sqlite', 'sqlite', NODE_SUITES, false),
      project('react-sqlite', 'sqlite', REACT_SUITES, true),
      project('postgres', 'postgres', NODE_SUITES, false),
      project('react-postgres', 'postgres', REACT_SUITES, true),
    ],
  },
});
