/**
 * Migrations run from an empty database to the latest schema on both dialects, are
 * idempotent, and leave every table the schema declares.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenDatabase, openDatabase } from '../../src/storage/database.ts';
import { currentSchema, migrateToLatest, otherSchemaVanished } from '../../src/storage/migrate.ts';
import { MIGRATIONS } from '../../src/storage/migrations/index.ts';
import { createTestDatabase, type TestDatabase, testDialect } from '../fixtures/database.ts';

let testDb: TestDatabase;
let db: OpenDatabase;

/** The tables of this database (on PostgreSQL, of this test's schema only). */
async function tables(): Promise<string[]> {
  const schema = await currentSchema(db.db as never);
  return (await db.db.introspection.getTables())
    .filter((t) => schema === undefined || t.schema === schema)
    .map((t) => t.name)
    .filter((n) => !n.startsWith('gatehouse_migrations'))
    .sort();
}
beforeAll(async () => {
  testDb = await createTestDatabase(undefined, undefined, { migrated: false });
  db = openDatabase(testDb.url);
});
afterAll(async () => {
  await db.close();
  await testDb.drop();
});

describe(`migrations on ${testDialect()}`, () => {
  it('apply every migration, in order, to an empty database', async () => {
    expect(await tables()).toEqual([]);
    const applied = await migrateToLatest(db.db as never);
    expect(applied).toEqual(Object.keys(MIGRATIONS).sort());
  });

  it('create every table of the schema', async () => {
    expect(await tables()).toEqual([
      'backup_codes',
      'captcha_redemptions',
      'clients',
      'dev_emails',
      'dev_sms',
      'email_addresses',
      'email_link_tokens',
      'email_templates',
      'external_accounts',
      'identifier_lockouts',
      'identifier_restrictions',
      'instances',
      'oauth_states',
      'passkeys',
      'phone_numbers',
      'secret_keys',
      'sessions',
      'sign_ins',
      'sign_ups',
      'signing_keys',
      'unauthorized_sign_in_links',
      'user_totps',
      'users',
      'verification_codes',
    ]);
  });

  it('apply nothing the second time', async () => {
    expect(await migrateToLatest(db.db as never)).toEqual([]);
  });
});

describe('a migration interrupted by another schema vanishing', () => {
  // Kysely's migrator introspects every schema; one dropped meanwhile fails it (3F000, that name).
  const vanished = (name: string) => Object.assign(new Error(`schema "${name}" does not exist`), { code: '3F000' });

  it('is retried when the missing schema is another one', () => {
    expect(otherSchemaVanished(vanished('t_other'), 't_ours')).toBe(true);
  });

  it('is not retried when our own schema is missing, on another error, or on SQLite', () => {
    expect(otherSchemaVanished(vanished('t_ours'), 't_ours')).toBe(false);
    expect(otherSchemaVanished(Object.assign(new Error('syntax error'), { code: '42601' }), 't_ours')).toBe(false);
    expect(otherSchemaVanished(vanished('t_other'), undefined)).toBe(false);
  });
});
