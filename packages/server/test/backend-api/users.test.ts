/**
 * Backend API users: create (Clerk's shape, admin-verified addresses, validation), list with
 * order, paging and filters, count, get, update (profile, metadata, primary address, password
 * with sign-out of other sessions), delete.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken, PASSWORD, signIn, uniqueEmail } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { expectError } from './expect-error.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ settings: { auth: { username: { enabled: true } } } });
});
afterAll(() => server.close());

const create = async (body: Record<string, unknown>) => {
  const r = await server.backend.post('/v1/users', body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const ids = (users: Array<{ id: string }>) => users.map((u) => u.id);

describe('POST /v1/users', () => {
  it('creates a Clerk-shaped user with verified admin addresses and all three metadata', async () => {
    const email = uniqueEmail('Create');
    const r = await server.backend.post('/v1/users', {
      email_address: [email.toUpperCase()],
      password: PASSWORD,
      first_name: ' Ada ',
      last_name: 'Lovelace',
      username: `Ada_${randomBytes(3).toString('hex')}`,
      public_metadata: { plan: 'pro' },
      private_metadata: { stripe_id: 'cus_123' },
      unsafe_metadata: { theme: 'dark' },
    });
    expect(r.status).toBe(200);
    const u = r.body;
    expect(u).toMatchObject({
      object: 'user',
      id: expect.stringMatching(/^user_/),
      first_name: 'Ada',
      last_name: 'Lovelace',
      username: expect.stringMatching(/^ada_[0-9a-f]{6}$/),
      password_enabled: true,
      password_last_updated_at: expect.any(Number),
      public_metadata: { plan: 'pro' },
      private_metadata: { stripe_id: 'cus_123' },
      unsafe_metadata: { theme: 'dark' },
      banned: false,
      locked: false,
      lockout_expires_in_seconds: null,
      last_sign_in_at: null,
      phone_numbers: [],
      external_accounts: [],
      created_at: expect.any(Number),
    });
    expect(u.email_addresses).toEqual([
      expect.objectContaining({
        object: 'email_address',
        id: expect.stringMatching(/^idn_/),
        email_address: email.toLowerCase(),
        verification: expect.objectContaining({ object: 'verification_admin', status: 'verified', strategy: 'admin' }),
      }),
    ]);
    expect(u.primary_email_address_id).toBe(u.email_addresses[0].id);
    expect(JSON.stringify(u)).not.toMatch(/argon2|password_digest/);

    const fetched = await server.backend.get(`/v1/users/${u.id}`);
    expect(fetched.body).toEqual(u);
  });

  it('creates a user without a password, and keeps several addresses with the first as primary', async () => {
    const [a, b] = [uniqueEmail('multi'), uniqueEmail('multi')];
    const u = await create({ email_address: [a, b, a.toUpperCase()] });
    expect(u.password_enabled).toBe(false);
    expect(u.password_last_updated_at).toBeNull();
    expect(u.email_addresses.map((e: { email_address: string }) => e.email_address)).toEqual([a, b]);
    expect(u.primary_email_address_id).toBe(u.email_addresses[0].id);
    expect(u).toMatchObject({ public_metadata: {}, private_metadata: {}, unsafe_metadata: {} });
  });

  it('refuses an unknown body field with form_param_unknown naming it', async () => {
    const r = await server.backend.post('/v1/users', { email_address: [uniqueEmail()], favourite_colour: 'blue' });
    expectError(r, 'form_param_unknown', { param_name: 'favourite_colour' });
  });

  it('refuses an invalid address with form_email_address_invalid', async () => {
    const r = await server.backend.post('/v1/users', { email_address: ['not-an-address'], password: PASSWORD });
    expectError(r, 'form_email_address_invalid', { param_name: 'email_address' });
  });

  it('refuses an address another user has, whatever its case, with form_identifier_exists', async () => {
    const email = uniqueEmail('dup');
    await create({ email_address: [email] });
    const r = await server.backend.post('/v1/users', { email_address: [email.toUpperCase()] });
    expectError(r, 'form_identifier_exists', { param_name: 'email_address' });
    const count = await server.backend.get(`/v1/users/count?email_address=${encodeURIComponent(email)}`);
    expect(count.body.total_count).toBe(1);
  });

  it('refuses a short password unless skip_password_checks is set', async () => {
    const email = uniqueEmail('short');
    const refused = await server.backend.post('/v1/users', { email_address: [email], password: 'short' });
    expectError(refused, 'form_password_length_too_short', { param_name: 'password', min_length: 8 });
    expect((await server.backend.get(`/v1/users/count?email_address=${email}`)).body.total_count).toBe(0);

    const u = await create({ email_address: [email], password: 'short', skip_password_checks: true });
    expect(u.password_enabled).toBe(true);
    const signedIn = await signIn(server.browser(), email, 'short');
    expect(signedIn.sessionId).toMatch(/^sess_/);
  });

  it('refuses a taken username with form_username_exists', async () => {
    const username = `taken_${randomBytes(3).toString('hex')}`;
    await create({ email_address: [uniqueEmail()], username });
    const r = await server.backend.post('/v1/users', {
      email_address: [uniqueEmail()],
      username: username.toUpperCase(),
    });
    expectError(r, 'form_username_exists', { param_name: 'username' });
  });
});

describe('GET /v1/users and /v1/users/count', () => {
  // Three users a search for `tag` finds: one by address, one by name, one by username.
  const tag = `qz${randomBytes(4).toString('hex')}`;
  let u1: { id: string; email: string };
  let u2: { id: string; email: string };
  let u3: { id: string; email: string };
  const list = async (qs: string) => {
    const r = await server.backend.get(`/v1/users?${qs}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return ids(r.body);
  };
  const count = async (qs: string) => {
    const r = await server.backend.get(`/v1/users/count?${qs}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.object).toBe('total_count');
    return r.body.total_count as number;
  };

  beforeAll(async () => {
    const email1 = `${tag}-alpha@example.com`;
    u1 = { id: (await create({ email_address: [email1], first_name: 'Alpha' })).id, email: email1 };
    server.clock.advance(1000);
    const email2 = uniqueEmail('beta');
    u2 = { id: (await create({ email_address: [email2], first_name: `Mc${tag.toUpperCase()}son` })).id, email: email2 };
    server.clock.advance(1000);
    const email3 = uniqueEmail('gamma');
    u3 = { id: (await create({ email_address: [email3], username: `${tag}_gamma` })).id, email: email3 };
  });

  it('searches address, name and username by part, without regard to case', async () => {
    expect(await list(`query=${tag.toUpperCase()}`)).toEqual([u3.id, u2.id, u1.id]);
    expect(await list(`query=${tag}-ALP`)).toEqual([u1.id]);
    expect(await list(`query=mc${tag}`)).toEqual([u2.id]);
    expect(await list(`query=${tag}_gam`)).toEqual([u3.id]);
    expect(await list(`query=${tag}nothing`)).toEqual([]);
    expect(await count(`query=${tag}`)).toBe(3);
  });

  it('orders newest first by default, and oldest first with order_by=+created_at', async () => {
    expect(await list(`query=${tag}`)).toEqual([u3.id, u2.id, u1.id]);
    expect(await list(`query=${tag}&order_by=-created_at`)).toEqual([u3.id, u2.id, u1.id]);
    expect(await list(`query=${tag}&order_by=%2Bcreated_at`)).toEqual([u1.id, u2.id, u3.id]);
    const all = await server.backend.get('/v1/users?limit=500');
    const created = all.body.map((u: { created_at: number }) => u.created_at);
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });

  it('pages with limit and offset', async () => {
    expect(await list(`query=${tag}&limit=2`)).toEqual([u3.id, u2.id]);
    expect(await list(`query=${tag}&limit=2&offset=2`)).toEqual([u1.id]);
    expect(await list(`query=${tag}&limit=2&offset=3`)).toEqual([]);
    expect(await list('limit=1')).toHaveLength(1);
    expect((await server.backend.get('/v1/users')).body.length).toBeLessThanOrEqual(10);
  });

  it('filters by address, repeating the parameter for several, and counts the same', async () => {
    expect(await list(`email_address=${u1.email}`)).toEqual([u1.id]);
    const qs = `email_address=${u1.email}&email_address=${encodeURIComponent(u2.email.toUpperCase())}`;
    expect(await list(qs)).toEqual([u2.id, u1.id]);
    expect(await count(qs)).toBe(2);
    expect(await count(`email_address=${uniqueEmail('none')}`)).toBe(0);
  });

  it('filters by banned, alone and with a search', async () => {
    expect((await server.backend.post(`/v1/users/${u2.id}/ban`)).status).toBe(200);
    expect(await list(`query=${tag}&banned=true`)).toEqual([u2.id]);
    expect(await list(`query=${tag}&banned=false`)).toEqual([u3.id, u1.id]);
    expect(await count(`query=${tag}&banned=true`)).toBe(1);
    expect(await count('banned=true')).toBe(1);
    const banned = await server.backend.get('/v1/users?banned=true');
    expect(banned.body.every((u: { banned: boolean }) => u.banned)).toBe(true);
  });

  it('refuses unknown query parameters and a bad order_by', async () => {
    expectError(await server.backend.get('/v1/users?colour=blue'), 'form_param_unknown', { param_name: 'colour' });
    expectError(await server.backend.get('/v1/users?order_by=password'), 'form_param_format_invalid', {
      param_name: 'order_by',
    });
    expectError(await server.backend.get('/v1/users?limit=0'), 'form_param_format_invalid', { param_name: 'limit' });
    expectError(await server.backend.get('/v1/users/count?limit=5'), 'form_param_unknown', { param_name: 'limit' });
  });
});

describe('GET /v1/users/:id', () => {
  it('answers 404 user_not_found for an unknown id', async () => {
    expectError(await server.backend.get('/v1/users/user_missing'), 'user_not_found', { user_id: 'user_missing' });
  });
});

describe('PATCH /v1/users/:id', () => {
  it('changes names and username, and clears a name with null', async () => {
    const u = await create({ email_address: [uniqueEmail()], first_name: 'Old', last_name: 'Name' });
    const username = `new_${randomBytes(3).toString('hex')}`;
    const r = await server.backend.patch(`/v1/users/${u.id}`, {
      first_name: 'New',
      last_name: null,
      username: username.toUpperCase(),
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: u.id, first_name: 'New', last_name: null, username });
    expect(r.body.updated_at).toBeGreaterThanOrEqual(u.updated_at);
    expect((await server.backend.get(`/v1/users/${u.id}`)).body).toMatchObject({ first_name: 'New', username });
  });

  it('replaces each metadata object given, and leaves the others alone', async () => {
    const u = await create({
      email_address: [uniqueEmail()],
      public_metadata: { a: 1, b: 2 },
      private_metadata: { secret: 'x' },
    });
    const r = await server.backend.patch(`/v1/users/${u.id}`, { public_metadata: { c: { d: [3] } } });
    expect(r.status).toBe(200);
    expect(r.body.public_metadata).toEqual({ c: { d: [3] } });
    expect(r.body.private_metadata).toEqual({ secret: 'x' });
    const cleared = await server.backend.patch(`/v1/users/${u.id}`, { private_metadata: {} });
    expect(cleared.body).toMatchObject({ public_metadata: { c: { d: [3] } }, private_metadata: {} });
  });

  it('sets the primary address to one of the user’s own, and refuses another user’s', async () => {
    const u = await create({ email_address: [uniqueEmail(), uniqueEmail()] });
    const second = u.email_addresses[1].id;
    const r = await server.backend.patch(`/v1/users/${u.id}`, { primary_email_address_id: second });
    expect(r.status).toBe(200);
    expect(r.body.primary_email_address_id).toBe(second);

    const other = await create({ email_address: [uniqueEmail()] });
    const refused = await server.backend.patch(`/v1/users/${u.id}`, {
      primary_email_address_id: other.email_addresses[0].id,
    });
    expectError(refused, 'form_param_value_invalid', { param_name: 'primary_email_address_id' });
    expect((await server.backend.get(`/v1/users/${u.id}`)).body.primary_email_address_id).toBe(second);
  });

  it('sets a new password and, with sign_out_of_other_sessions, revokes the user’s sessions', async () => {
    const email = uniqueEmail('pw');
    const u = await create({ email_address: [email], password: PASSWORD });
    const browser = server.browser();
    const { sessionId } = await signIn(browser, email);
    expect((await mintToken(browser, sessionId)).status).toBe(200);

    const kept = await server.backend.patch(`/v1/users/${u.id}`, { password: 'first new password' });
    expect(kept.status).toBe(200);
    expect((await server.backend.get(`/v1/sessions/${sessionId}`)).body.status).toBe('active');

    const newPassword = 'second new password';
    const r = await server.backend.patch(`/v1/users/${u.id}`, {
      password: newPassword,
      sign_out_of_other_sessions: true,
    });
    expect(r.status).toBe(200);
    expect(r.body.password_last_updated_at).toBeGreaterThanOrEqual(u.password_last_updated_at);
    expect((await server.backend.get(`/v1/sessions/${sessionId}`)).body.status).toBe('revoked');
    expectError(await mintToken(browser, sessionId), 'session_not_active', { status: 'revoked' });

    const old = await server.browser().post('/v1/client/sign_ins', { identifier: email, password: PASSWORD });
    expectError(old, 'form_password_incorrect', { param_name: 'password' });
    await signIn(server.browser(), email, newPassword);
  });

  it('refuses a short password, an unknown field and an unknown user', async () => {
    const u = await create({ email_address: [uniqueEmail()] });
    expectError(
      await server.backend.patch(`/v1/users/${u.id}`, { password: 'short' }),
      'form_password_length_too_short',
    );
    expectError(
      await server.backend.patch(`/v1/users/${u.id}`, { email_address: ['x@example.com'] }),
      'form_param_unknown',
      {
        param_name: 'email_address',
      },
    );
    expectError(await server.backend.patch('/v1/users/user_missing', { first_name: 'X' }), 'user_not_found');
  });
});

describe('DELETE /v1/users/:id', () => {
  it('deletes the user, who is then not found, and whose session can mint no more tokens', async () => {
    const email = uniqueEmail('delete');
    const u = await create({ email_address: [email], password: PASSWORD });
    const browser = server.browser();
    const { sessionId } = await signIn(browser, email);
    expect((await mintToken(browser, sessionId)).status).toBe(200);

    const r = await server.backend.delete(`/v1/users/${u.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ object: 'user', id: u.id, deleted: true });

    expectError(await server.backend.get(`/v1/users/${u.id}`), 'user_not_found');
    expectError(await server.backend.delete(`/v1/users/${u.id}`), 'user_not_found');
    expect((await server.backend.get(`/v1/users/count?email_address=${email}`)).body.total_count).toBe(0);
    expectError(await mintToken(browser, sessionId), 'session_not_found');
    expectError(await server.backend.post(`/v1/sessions/${sessionId}/tokens`), 'session_not_found');

    // The address is free again.
    const again = await create({ email_address: [email] });
    expect(again.id).not.toBe(u.id);
  });
});
