import { type Kysely, type MigrationResultSet, Migrator, PostgresAdapter, sql } from 'kysely';
import { MIGRATIONS } from './migrations/index.ts';

/**
 * The schema migrations live in: PostgreSQL's current schema (the first of the search_path),
 * named explicitly because Kysely's migrator otherwise looks for its table in every schema and
 * can mistake another schema's migration table for ours; none on SQLite.
 */
export async function currentSchema(db: Kysely<unknown>): Promise<string | undefined> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return undefined;
  const r = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return r.rows[0]?.schema;
}

/**
 * Kysely's migrator looks for its tables by introspecting every schema of the database, calling
 * `has_schema_privilege` on each: a schema another process drops at that moment (test suites
 * running side by side, each in its own schema) fails our migration with `3F000` naming *that*
 * schema. Nothing of ours was touched (the migrations run in a transaction), so it is retried.
 */
const MAX_TRIES = 3;
export const otherSchemaVanished = (err: unknown, ours: string | undefined): boolean => {
  const e = err as { code?: unknown; message?: unknown } | null;
  return e?.code === '3F000' && ours !== undefined && !String(e.message).includes(`"${ours}"`);
};

/**
 * Applies every pending migration; throws with the failing migration's name on error. Takes the
 * typed handle as is: migrations address tables the current schema type may not have yet.
 */
export async function migrateToLatest<DB>(typed: Kysely<DB>): Promise<string[]> {
  const db = typed as unknown as Kysely<unknown>;
  const schema = await currentSchema(db);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: 'gatehouse_migrations',
    migrationLockTableName: 'gatehouse_migrations_lock',
    migrationTableSchema: schema,
  });
  for (let attempt = 1; ; attempt++) {
    const result: MigrationResultSet = await migrator.migrateToLatest();
    if (!result.error) return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    if (attempt < MAX_TRIES && otherSchemaVanished(result.error, schema)) continue;
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed`, { cause: result.error });
  }
}
