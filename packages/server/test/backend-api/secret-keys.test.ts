/**
 * Backend API authentication (`Authorization: Bearer sk_...`) and secret key management:
 * missing, malformed and unknown keys; a new key shown once; revocation biting at once;
 * the last active key kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { expectError } from './expect-error.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const raw = (path: string, headers: Record<string, string>) =>
  fetch(server.url + path, { headers }).then(async (r) => ({
    status: r.status,
    body: await r.json(),
    headers: r.headers,
  }));

describe('authentication', () => {
  it('answers 401 authorization_header_missing without an Authorization header', async () => {
    const r = await raw('/v1/users', {});
    expectError(r, 'authorization_header_missing');
    expect(r.body.clerk_trace_id).toMatch(/^req_/);
  });

  it('answers 401 secret_key_invalid for a malformed key or another scheme', async () => {
    for (const authorization of [
      'Bearer nope',
      'Bearer sk_test_short',
      `Basic ${Buffer.from('a:b').toString('base64')}`,
      `Bearer pk_test_${'a'.repeat(43)}`,
      server.secretKey, // no "Bearer "
    ])
      expectError(await raw('/v1/users', { authorization }), 'secret_key_invalid');
  });

  it('answers 401 secret_key_invalid for a well-formed key no instance issued', async () => {
    const forged = `sk_test_${'A'.repeat(43)}`;
    expectError(await raw('/v1/users', { authorization: `Bearer ${forged}` }), 'secret_key_invalid');
    // The same shape as a real key: only the lookup refused it.
    expect(forged.length).toBe(server.secretKey.length);
  });

  it('accepts the instance’s key', async () => {
    const r = await server.backend.get('/v1/instance');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ object: 'instance', id: server.instance.id });
  });
});

describe('secret keys', () => {
  it('shows a new key once, with last4 matching it, and never again in the list', async () => {
    const created = await server.backend.post('/v1/secret_keys', { name: 'ci' });
    expect(created.status).toBe(200);
    const key = created.body;
    expect(key).toMatchObject({
      object: 'secret_key',
      id: expect.stringMatching(/^sk_/),
      name: 'ci',
      revoked_at: null,
    });
    expect(key.secret).toMatch(/^sk_test_[A-Za-z0-9_-]{43}$/);
    expect(key.last4).toBe(key.secret.slice(-4));
    expect(key.secret).not.toBe(server.secretKey);

    const list = await server.backend.get('/v1/secret_keys');
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThanOrEqual(2);
    for (const k of list.body) expect(k).not.toHaveProperty('secret');
    expect(JSON.stringify(list.body)).not.toContain(key.secret);
    const listed = list.body.find((k: { id: string }) => k.id === key.id);
    expect(listed).toMatchObject({ object: 'secret_key', name: 'ci', last4: key.last4, revoked_at: null });
    const original = list.body.find((k: { id: string }) => k.id !== key.id);
    expect(original.last4).toBe(server.secretKey.slice(-4));
  });

  it('works for the Backend API and records its last use', async () => {
    const { body: key } = await server.backend.post('/v1/secret_keys', { name: 'worker' });
    const other = new Backend(server.url, key.secret);
    const before = (await server.backend.get('/v1/secret_keys')).body.find((k: { id: string }) => k.id === key.id);
    expect(before.last_used_at).toBeNull();
    const r = await other.get('/v1/instance');
    expect(r.status).toBe(200);
    expect(r.body.id).toBe(server.instance.id);
    const after = (await server.backend.get('/v1/secret_keys')).body.find((k: { id: string }) => k.id === key.id);
    expect(after.last_used_at).toEqual(expect.any(Number));
  });

  it('names a key "unnamed" when no name is given, and refuses unknown fields', async () => {
    const r = await server.backend.post('/v1/secret_keys');
    expect(r.status).toBe(200);
    expect(r.body.name).toBe('unnamed');
    expectError(await server.backend.post('/v1/secret_keys', { name: 'x', scope: 'all' }), 'form_param_unknown', {
      param_name: 'scope',
    });
  });

  it('stops a revoked key at once, while the other keys go on working', async () => {
    const { body: key } = await server.backend.post('/v1/secret_keys', { name: 'to-revoke' });
    const doomed = new Backend(server.url, key.secret);
    expect((await doomed.get('/v1/users')).status).toBe(200); // cached as valid on this node

    const revoked = await server.backend.delete(`/v1/secret_keys/${key.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ object: 'secret_key', id: key.id, revoked_at: expect.any(Number) });
    expect(revoked.body).not.toHaveProperty('secret');

    expectError(await doomed.get('/v1/users'), 'secret_key_invalid');
    expect((await server.backend.get('/v1/users')).status).toBe(200);
    const listed = (await server.backend.get('/v1/secret_keys')).body.find((k: { id: string }) => k.id === key.id);
    expect(listed.revoked_at).toBe(revoked.body.revoked_at);

    expectError(await server.backend.delete(`/v1/secret_keys/${key.id}`), 'secret_key_not_found');
  });

  it('answers secret_key_not_found for an unknown id', async () => {
    expectError(await server.backend.delete('/v1/secret_keys/sk_doesnotexist'), 'secret_key_not_found');
  });

  it('refuses to revoke the last active key, which keeps working', async () => {
    const list = (await server.backend.get('/v1/secret_keys')).body as Array<{
      id: string;
      last4: string;
      revoked_at: number | null;
    }>;
    const mine = list.find((k) => k.last4 === server.secretKey.slice(-4) && k.revoked_at === null)!;
    for (const k of list.filter((k) => k.revoked_at === null && k.id !== mine.id))
      expect((await server.backend.delete(`/v1/secret_keys/${k.id}`)).status).toBe(200);

    const active = (await server.backend.get('/v1/secret_keys')).body.filter(
      (k: { revoked_at: number | null }) => k.revoked_at === null,
    );
    expect(active.map((k: { id: string }) => k.id)).toEqual([mine.id]);

    expectError(await server.backend.delete(`/v1/secret_keys/${mine.id}`), 'secret_key_last_active');
    expect((await server.backend.get('/v1/instance')).status).toBe(200);
  });
});
