/**
 * Input at and past the limits the databases and the stack set, on every route of the kind:
 * - every integer a request schema declares (paging on every list route, the dev mailbox and SMS
 *   outbox included, and the integers of the settings patch), found in the OpenAPI document the
 *   server builds from its schemas, is refused past its bound with 422 form_param_format_invalid
 *   naming it, and the largest offset the schema takes answers 200, never 500;
 * - metadata nested at the limit (10 levels) is stored; one level past it, and 5,000 or 30,000
 *   levels past it, is refused with 422 before anything is stored, form-encoded or JSON;
 * - any JSON body nested past 32 levels is refused the same way, whatever the route.
 * @see issue 24 (500s on out-of-range paging and deep metadata)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError as expectWireError } from '../backend-api/expect-error.ts';
import { createUser, signUp, uniqueEmail } from '../fixtures/flows.ts';
import type { HttpResult } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ settings: { attack_protection: { rate_limits: { enabled: false } } } });
});
afterAll(() => server.close());

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Asserts the error (status, code, message) and returns it for its meta. */
// biome-ignore lint/suspicious/noExplicitAny: error bodies are checked field by field.
function expectError(r: HttpResult, code: Parameters<typeof expectWireError>[1]): any {
  expectWireError(r, code);
  return r.body.errors[0];
}

interface IntegerField {
  method: string;
  route: string;
  in: 'query' | 'body';
  /** Property names from the top of the query or body. */
  path: string[];
  maximum: number;
  minimum: number;
}

/** Every integer of every request schema, from the OpenAPI document (so a new route is covered by itself). */
function integerFields(doc: { paths: Record<string, Record<string, unknown>> }): IntegerField[] {
  const fields: IntegerField[] = [];
  for (const [route, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops as Record<string, Record<string, unknown>>)) {
      for (const p of (op.parameters ?? []) as Array<{ in: string; name: string; schema: Record<string, unknown> }>)
        if (p.in === 'query' && p.schema.type === 'integer')
          fields.push({
            method,
            route,
            in: 'query',
            path: [p.name],
            maximum: p.schema.maximum as number,
            minimum: p.schema.minimum as number,
          });
      const content = (op.requestBody as { content?: Record<string, { schema: unknown }> } | undefined)?.content;
      const schema = content?.['application/json']?.schema;
      // Walk the body schema, keeping the property names on the way (anyOf/items add none).
      const stack: Array<{ node: unknown; path: string[] }> = [{ node: schema, path: [] }];
      while (stack.length > 0) {
        const { node, path } = stack.pop()!;
        if (!node || typeof node !== 'object') continue;
        const s = node as Record<string, unknown>;
        if (s.type === 'integer')
          fields.push({
            method,
            route,
            in: 'body',
            path,
            maximum: s.maximum as number,
            minimum: s.minimum as number,
          });
        for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, unknown>))
          stack.push({ node: v, path: [...path, k] });
        for (const v of (s.anyOf ?? []) as unknown[]) stack.push({ node: v, path });
      }
    }
  return fields;
}

const nest = (path: string[], value: unknown): Record<string, unknown> =>
  path.reduceRight<unknown>((acc, key) => ({ [key]: acc }), value) as Record<string, unknown>;

async function sendInteger(field: IntegerField, literal: string): Promise<HttpResult> {
  const url = field.route.replace(/\{[^}]+\}/g, 'unknown_id');
  const headers: Record<string, string> = { authorization: `Bearer ${server.secretKey}` };
  let target = server.url + url;
  let body: string | undefined;
  if (field.in === 'query') target += `?${field.path[0]}=${encodeURIComponent(literal)}`;
  else {
    headers['content-type'] = 'application/json';
    // The literal goes in as JSON text, so 9223372036854775807 reaches the server as written.
    body = JSON.stringify(nest(field.path, '__N__')).replace('"__N__"', literal);
  }
  const res = await fetch(target, { method: field.method.toUpperCase(), headers, body });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

describe('integers in requests', () => {
  let fields: IntegerField[];
  beforeAll(async () => {
    fields = integerFields((await server.backend.get('/v1/openapi.json')).body);
  });

  it('every list route has bounded paging, and the document shows them all', () => {
    const named = fields.map((f) => `${f.method} ${f.route} ${f.path.join('.')}`);
    for (const route of [
      '/v1/users',
      '/v1/sessions',
      '/v1/dev/emails',
      '/v1/dev/sms',
      '/v1/allowlist_identifiers',
      '/v1/blocklist_identifiers',
    ])
      for (const p of ['limit', 'offset']) expect(named).toContain(`get ${route} ${p}`);
    expect(named).toContain('patch /v1/instance/settings attack_protection.user_lockout.max_attempts');
    for (const f of fields) {
      expect(f.maximum, `${f.route} ${f.path}`).toBeLessThanOrEqual(MAX_SAFE);
      expect(f.minimum, `${f.route} ${f.path}`).toBeGreaterThanOrEqual(-MAX_SAFE);
    }
  });

  it('refuses each one past its bounds with 422 form_param_format_invalid naming it, never a 500', async () => {
    expect(fields.length).toBeGreaterThan(20);
    for (const f of fields) {
      const param = f.path.join('.');
      const literals = ['1e20', '9223372036854775807', String(f.maximum + 1), String(f.minimum - 1)];
      // A query string also takes what JSON cannot carry as a number.
      if (f.in === 'query') literals.push('1.5', 'Infinity', '-0.5e400', 'ten');
      for (const literal of literals) {
        const r = await sendInteger(f, literal);
        expect(r.status, `${f.method} ${f.route} ${param}=${literal}`).toBe(422);
        const e = expectError(r, 'form_param_format_invalid');
        expect(e.meta.param_name, `${f.method} ${f.route} ${param}=${literal}`).toBe(param);
      }
    }
  });

  it('answers the largest offset a list route takes with an empty page, on this database', async () => {
    await createUser(server);
    const offsetFields = fields.filter((f) => f.path[0] === 'offset');
    expect(offsetFields.length).toBeGreaterThanOrEqual(6);
    for (const f of offsetFields) {
      expect(f.maximum).toBe(MAX_SAFE);
      const r = await sendInteger(f, String(MAX_SAFE));
      expect(r.status, `${f.route}: ${JSON.stringify(r.body)}`).toBe(200);
      const rows = Array.isArray(r.body) ? r.body : r.body.data;
      expect(rows, f.route).toEqual([]);
    }
    // And the largest limit with it, where the list has rows to count.
    const r = await server.backend.get(`/v1/users?limit=500&offset=${MAX_SAFE - 1}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual([]);
  });
});

/** `depth` levels of objects as JSON text (1: `{}`), built as text: a value this deep cannot be stringified. */
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;
/** `depth` levels of arrays: the most levels a 64 KB body holds (about 30,000). */
const nestedArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

async function raw(
  method: string,
  path: string,
  body: string,
  type: 'json' | 'form',
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const res = await fetch(server.url + path, {
    method,
    headers: {
      origin: 'http://localhost:5173',
      'content-type': type === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
      ...headers,
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const depthOf = (v: unknown): number =>
  v && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0;

describe('metadata nesting', () => {
  // Form encoding triples the size of `{"a":`, so a form body under 64 KB holds fewer levels.
  const TOO_DEEP = [
    ['one level past the limit', nestedObject(11)],
    ['3,000 levels', nestedObject(3_000)],
    ['10,000 levels of arrays', `{"a":${nestedArray(10_000)}}`],
  ] as const;
  const TOO_DEEP_JSON = [
    ...TOO_DEEP,
    ['5,000 levels', nestedObject(5_000)],
    ['30,000 levels of arrays', `{"a":${nestedArray(30_000)}}`],
  ] as const;

  it('sign-up: stores unsafe_metadata 10 levels deep, refuses deeper before creating anything (form and JSON)', async () => {
    const browser = server.browser();
    const ok = await browser.post('/v1/client/sign_ups', {
      email_address: uniqueEmail('deep'),
      unsafe_metadata: JSON.parse(nestedObject(10)),
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(depthOf(ok.body.response.unsafe_metadata)).toBe(10);

    for (const type of ['form', 'json'] as const)
      for (const [label, metadata] of type === 'form' ? TOO_DEEP : TOO_DEEP_JSON) {
        const fresh = server.browser();
        const email = uniqueEmail('deep');
        const body =
          type === 'form'
            ? form({ email_address: email, unsafe_metadata: metadata })
            : `{"email_address":${JSON.stringify(email)},"unsafe_metadata":${metadata}}`;
        const r = await raw('POST', '/v1/client/sign_ups', body, type);
        const e = expectError(r, 'form_param_format_invalid');
        expect(r.status, `${label} (${type})`).toBe(422);
        expect(e.meta.param_name).toBe('unsafe_metadata');
        // Nothing was started: the client (if one was made at all) has no sign-up.
        const client = await fresh.get('/v1/client');
        expect(client.body.response?.sign_up ?? null).toBeNull();
      }
  });

  it('PATCH /v1/me: refuses unsafe_metadata past 10 levels and leaves the user as it was', async () => {
    const browser = server.browser();
    const { userId } = await signUp(server, browser);
    const ok = await browser.patch('/v1/me', { unsafe_metadata: JSON.parse(nestedObject(10)) });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    for (const [label, metadata] of TOO_DEEP) {
      const r = await raw('PATCH', '/v1/me', form({ unsafe_metadata: metadata }), 'form', { cookie });
      expect(r.status, label).toBe(422);
      expect(expectError(r, 'form_param_format_invalid').meta.param_name).toBe('unsafe_metadata');
    }
    const user = await server.backend.get(`/v1/users/${userId}`);
    expect(depthOf(user.body.unsafe_metadata)).toBe(10);
  });

  it('Backend API: create and update refuse each metadata field past 10 levels; nothing is stored', async () => {
    const secret = { authorization: `Bearer ${server.secretKey}` };
    const { userId, email } = await createUser(server);
    for (const field of ['public_metadata', 'private_metadata', 'unsafe_metadata'])
      for (const [label, metadata] of TOO_DEEP_JSON) {
        const other = uniqueEmail('deep');
        const created = await raw(
          'POST',
          '/v1/users',
          `{"email_address":[${JSON.stringify(other)}],"${field}":${metadata}}`,
          'json',
          secret,
        );
        expect(created.status, `${field} ${label}`).toBe(422);
        expect(expectError(created, 'form_param_format_invalid').meta.param_name).toBe(field);
        const found = await server.backend.get(`/v1/users?email_address=${encodeURIComponent(other)}`);
        expect(found.body).toEqual([]);

        const updated = await raw('PATCH', `/v1/users/${userId}`, `{"${field}":${metadata}}`, 'json', secret);
        expect(updated.status, `${field} ${label}`).toBe(422);
        expect(expectError(updated, 'form_param_format_invalid').meta.param_name).toBe(field);
      }
    const user = await server.backend.get(`/v1/users/${userId}`);
    expect(user.body.email_addresses[0].email_address).toBe(email);
    expect([user.body.public_metadata, user.body.private_metadata, user.body.unsafe_metadata]).toEqual([{}, {}, {}]);
    const ok = await server.backend.patch(`/v1/users/${userId}`, { public_metadata: JSON.parse(nestedObject(10)) });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(depthOf(ok.body.public_metadata)).toBe(10);
  });
});

describe('any JSON body nested past 32 levels', () => {
  it('is refused with 422 naming its top-level field, on both APIs, whatever the field', async () => {
    const secret = { authorization: `Bearer ${server.secretKey}` };
    const cases: Array<[string, string, Record<string, string>]> = [
      ['PATCH', '/v1/instance/settings', secret],
      ['POST', '/v1/users', secret],
      ['POST', '/v1/client/sign_ins', {}],
      ['POST', '/v1/client/sign_ups', {}],
    ];
    for (const [method, path, headers] of cases)
      for (const value of [nestedArray(32), nestedArray(30_000), nestedObject(5_000)]) {
        const r = await raw(method, path, `{"deep":${value}}`, 'json', headers);
        expect(r.status, `${method} ${path}`).toBe(422);
        const e = expectError(r, 'form_param_format_invalid');
        expect(e.meta.param_name).toBe('deep');
        expect(e.long_message).toBe('deep nests more than 32 levels deep.');
      }
    // A body at the bound gets past the depth check to the schema, which names the unknown field.
    const r = await raw('PATCH', '/v1/instance/settings', `{"deep":${nestedArray(31)}}`, 'json', secret);
    expect(r.status).toBe(422);
    expect(expectError(r, 'form_param_unknown').meta.param_name).toBe('deep');
  });
});
