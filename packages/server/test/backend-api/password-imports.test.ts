/**
 * Users imported with a password hash (bcrypt, argon2id, argon2i): they sign in through the
 * Frontend API with their plain password, and the stored hash is then upgraded to the current
 * argon2id parameters; hashes that do not match their hasher, or are not hashes, are refused.
 */
import { type Algorithm, hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { hash as bcryptHash } from '@node-rs/bcrypt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARGON2_OPTIONS } from '../../src/adapters/password/password-hasher.ts';
import { signIn, uniqueEmail } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { expectError } from './expect-error.ts';

// @node-rs/argon2 declares Algorithm as a const enum, which type stripping cannot inline.
const ARGON2I = 1 as Algorithm;
const ARGON2ID = 2 as Algorithm;
const CURRENT = '$argon2id$v=19$m=19456,t=2,p=1$';
const PLAIN = 'imported password 123';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ passwordHashCost: 'production' });
});
afterAll(() => server.close());

const storedDigest = async (userId: string) =>
  (await server.deps.store.users.findById(server.instance.id, userId))!.passwordDigest;

async function importUser(digest: string, hasher: string) {
  const email = uniqueEmail('import');
  const r = await server.backend.post('/v1/users', {
    email_address: [email],
    password_digest: digest,
    password_hasher: hasher,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.password_enabled).toBe(true);
  expect(JSON.stringify(r.body)).not.toContain(digest);
  return { email, userId: r.body.id as string };
}

const signInAttempt = (email: string, password: string) =>
  server.browser().post('/v1/client/sign_ins', { identifier: email, password });

describe.each([
  { hasher: 'bcrypt', make: () => bcryptHash(PLAIN, 4), prefix: '$2b$04$' },
  {
    hasher: 'argon2id',
    make: () => argon2Hash(PLAIN, { algorithm: ARGON2ID, memoryCost: 4096, timeCost: 3, parallelism: 1 }),
    prefix: '$argon2id$v=19$m=4096,t=3,p=1$',
  },
  {
    hasher: 'argon2i',
    make: () => argon2Hash(PLAIN, { algorithm: ARGON2I, memoryCost: 8192, timeCost: 2, parallelism: 1 }),
    prefix: '$argon2i$v=19$m=8192,t=2,p=1$',
  },
])('an imported $hasher hash', ({ hasher, make, prefix }) => {
  it('signs in with the plain password and is upgraded to current argon2id afterwards', async () => {
    const digest = await make();
    expect(digest.startsWith(prefix)).toBe(true);
    const { email, userId } = await importUser(digest, hasher);
    expect(await storedDigest(userId)).toBe(digest);

    // A wrong password fails and leaves the imported hash as it was.
    expectError(await signInAttempt(email, 'not the password'), 'form_password_incorrect', { param_name: 'password' });
    expect(await storedDigest(userId)).toBe(digest);

    const browser = server.browser();
    const { sessionId } = await signIn(browser, email, PLAIN);
    expect((await browser.post(`/v1/client/sessions/${sessionId}/tokens`)).status).toBe(200);

    const upgraded = await storedDigest(userId);
    expect(upgraded).not.toBe(digest);
    expect(upgraded!.startsWith(CURRENT)).toBe(true);
    expect(await argon2Verify(upgraded!, PLAIN)).toBe(true);

    // The upgraded hash signs in too, and is not rewritten again.
    await signIn(server.browser(), email, PLAIN);
    expect(await storedDigest(userId)).toBe(upgraded);
  });
});

describe('an imported hash that already has the current parameters', () => {
  it('signs in and is kept as it is', async () => {
    const digest = await argon2Hash(PLAIN, ARGON2_OPTIONS);
    expect(digest.startsWith(CURRENT)).toBe(true);
    const { email, userId } = await importUser(digest, 'argon2id');
    await signIn(server.browser(), email, PLAIN);
    expect(await storedDigest(userId)).toBe(digest);
  });
});

describe('refused imports', () => {
  const count = async (email: string) =>
    (await server.backend.get(`/v1/users/count?email_address=${encodeURIComponent(email)}`)).body.total_count;

  it('refuses a digest that does not match its hasher with password_digest_invalid', async () => {
    const bcrypt = await bcryptHash(PLAIN, 4);
    const argon2id = await argon2Hash(PLAIN, { algorithm: ARGON2ID, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    for (const [digest, hasher] of [
      [bcrypt, 'argon2id'],
      [bcrypt, 'argon2i'],
      [argon2id, 'bcrypt'],
      [argon2id, 'argon2i'],
    ] as const) {
      const email = uniqueEmail('mismatch');
      const r = await server.backend.post('/v1/users', {
        email_address: [email],
        password_digest: digest,
        password_hasher: hasher,
      });
      expectError(r, 'password_digest_invalid', { param_name: 'password_digest', password_hasher: hasher });
      expect(await count(email)).toBe(0);
    }
  });

  it('refuses garbage with password_digest_invalid', async () => {
    for (const [digest, hasher] of [
      ['not a hash', 'bcrypt'],
      ['$2b$04$tooshort', 'bcrypt'],
      ['$argon2id$v=19$m=4096,t=3,p=1$', 'argon2id'],
      ['$argon2id$garbage', 'argon2id'],
      [PLAIN, 'argon2i'],
    ] as const) {
      const r = await server.backend.post('/v1/users', {
        email_address: [uniqueEmail()],
        password_digest: digest,
        password_hasher: hasher,
      });
      expectError(r, 'password_digest_invalid', { param_name: 'password_digest' });
    }
  });

  it('requires password_hasher with password_digest (form_param_missing)', async () => {
    const email = uniqueEmail('nohasher');
    const r = await server.backend.post('/v1/users', {
      email_address: [email],
      password_digest: await bcryptHash(PLAIN, 4),
    });
    expectError(r, 'form_param_missing', { param_name: 'password_hasher' });
    expect(await count(email)).toBe(0);
  });

  it('refuses an unsupported hasher, and a password with a digest', async () => {
    const digest = await bcryptHash(PLAIN, 4);
    const md5 = await server.backend.post('/v1/users', {
      email_address: [uniqueEmail()],
      password_digest: digest,
      password_hasher: 'md5',
    });
    expectError(md5, 'form_param_format_invalid', { param_name: 'password_hasher' });
    const both = await server.backend.post('/v1/users', {
      email_address: [uniqueEmail()],
      password: PLAIN,
      password_digest: digest,
      password_hasher: 'bcrypt',
    });
    expectError(both, 'form_param_value_invalid', { param_name: 'password_digest' });
  });

  it('sets an imported hash on an existing user through PATCH', async () => {
    const email = uniqueEmail('patchimport');
    const created = await server.backend.post('/v1/users', { email_address: [email] });
    expect(created.body.password_enabled).toBe(false);
    const r = await server.backend.patch(`/v1/users/${created.body.id}`, {
      password_digest: await bcryptHash(PLAIN, 4),
      password_hasher: 'bcrypt',
    });
    expect(r.status).toBe(200);
    expect(r.body.password_enabled).toBe(true);
    await signIn(server.browser(), email, PLAIN);
    expect((await storedDigest(created.body.id))!.startsWith(CURRENT)).toBe(true);
  });
});
