/**
 * A thin adapter that lets Kysely's SqliteDialect drive `node:sqlite` (no native build).
 *
 * Kysely expects better-sqlite3's shape: `prepare(sql)` returning `{ reader, all, run, iterate }`
 * with parameters passed as one array. Prepared statements are cached by SQL text, because
 * Kysely compiles a query of the same shape to the same SQL and preparing is the costly part.
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

const STATEMENT_CACHE_SIZE = 512;

const toSqlite = (v: unknown): SQLInputValue => {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === undefined) return null;
  return v as SQLInputValue;
};

class NodeSqliteStatement implements SqliteStatement {
  readonly reader: boolean;
  readonly #stmt: StatementSync;

  constructor(stmt: StatementSync) {
    this.#stmt = stmt;
    this.reader = stmt.columns().length > 0;
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    return this.#stmt.all(...parameters.map(toSqlite));
  }

  run(parameters: ReadonlyArray<unknown>): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return this.#stmt.run(...parameters.map(toSqlite));
  }

  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    return this.#stmt.iterate(...parameters.map(toSqlite)) as IterableIterator<unknown>;
  }
}

export class NodeSqliteDatabase implements SqliteDatabase {
  readonly #db: DatabaseSync;
  readonly #cache = new Map<string, NodeSqliteStatement>();

  constructor(path: string) {
    this.#db = new DatabaseSync(path);
    // WAL lets the CLI read while a server writes; busy_timeout waits for the other writer
    // instead of failing at once.
    this.#db.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;',
    );
  }

  prepare(sql: string): SqliteStatement {
    let stmt = this.#cache.get(sql);
    if (stmt) {
      // Refresh recency: Map keeps insertion order, so the first key is the least recent.
      this.#cache.delete(sql);
      this.#cache.set(sql, stmt);
      return stmt;
    }
    stmt = new NodeSqliteStatement(this.#db.prepare(sql));
    // Statements that change the schema invalidate nothing we cache by text, but keep DDL out anyway.
    if (!/^\s*(create|alter|drop)\b/i.test(sql)) {
      this.#cache.set(sql, stmt);
      if (this.#cache.size > STATEMENT_CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value as string);
    }
    return stmt;
  }

  close(): void {
    this.#cache.clear();
    this.#db.close();
  }
}
