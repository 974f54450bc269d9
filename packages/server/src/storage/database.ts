/**
 * Opens the database named by a URL: `sqlite:<path>` (embedded, the default) or `postgres://...`.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { NodeSqliteDatabase } from './sqlite-dialect.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface OpenDatabase {
  db: Kysely<Database>;
  dialect: Dialect;
  /** A description safe for logs (no password). */
  description: string;
  close(): Promise<void>;
}

export const DEFAULT_DATABASE_URL = 'sqlite:./.gatehouse/gatehouse.db';

// PostgreSQL returns int8 (our millisecond timestamps, counts) as strings by default; every
// value we store fits in a double, so read them as numbers to match SQLite.
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Ends the pool and waits for its clients' sockets: pg-pool resolves `end()` as soon as it has
 * asked each client to end, so a session could outlive the close (a database dropped right
 * after would terminate it under a client still listening).
 */
async function closePool(db: Kysely<Database>, pool: pg.Pool): Promise<void> {
  let open = pool.totalCount;
  const ended = new Promise<void>((resolve) => {
    if (open === 0) return resolve();
    pool.on('remove', () => {
      if (--open === 0) resolve();
    });
  });
  await db.destroy();
  await ended;
}

export function openDatabase(url: string = DEFAULT_DATABASE_URL, opts: { poolSize?: number } = {}): OpenDatabase {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path === '') throw new TypeError('DATABASE_URL sqlite: needs a path, e.g. sqlite:./.gatehouse/gatehouse.db');
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new NodeSqliteDatabase(path) }) });
    return { db, dialect: 'sqlite', description: `sqlite:${path}`, close: () => db.destroy() };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, types: pgTypes });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const parsed = new URL(url);
    parsed.password = '';
    return { db, dialect: 'postgres', description: parsed.toString(), close: () => closePool(db, pool) };
  }
  throw new TypeError(`DATABASE_URL must start with sqlite: or postgres:// (got ${url.split(':')[0]}:)`);
}
