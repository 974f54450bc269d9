/**
 * Bad input never gives a 500 or a stack trace: malformed, oversized, mistyped or misrouted
 * requests get a typed 4xx error in the wire format, and flows of another client (or none) are
 * simply not found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, PASSWORD, passClientTrust, uniqueEmail } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ settings: { attack_protection: { rate_limits: { enabled: false } } } });
});
afterAll(() => server.close());

interface Raw {
  status: number;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: error bodies are checked field by field.
  body: any;
}

/** Sends exactly these bytes, as an attacker's script would. */
async function raw(
  method: string,
  path: string,
  opts: { body?: string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<Raw> {
  const headers: Record<string, string> = { origin: 'http://localhost:5173', ...opts.headers };
  if (opts.contentType) headers['content-type'] = opts.contentType;
  const res = await fetch(server.url + path, { method, headers, body: opts.body });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, text, body };
}

/** The wire error format, with nothing of the server's insides. */
function expectError(r: Raw, status: number, code: string) {
  expect(r.status, r.text).toBe(status);
  expect(r.body).toEqual({
    errors: [
      {
        code,
        message: expect.any(String),
        long_message: expect.any(String),
        meta: expect.any(Object),
      },
    ],
    clerk_trace_id: expect.stringMatching(/^req_/),
  });
  expect(r.text).not.toMatch(/\bat \S+ \(|\n\s+at |Error:|node_modules|\.ts:\d+|FST_/);
  return r.body.errors[0];
}

const big = 'a'.repeat(70 * 1024);

describe('malformed requests', () => {
  it('answer invalid JSON with 400 request_body_invalid', async () => {
    const e = expectError(
      await raw('POST', '/v1/client/sign_ins', { body: '{"identifier": "x', contentType: 'application/json' }),
      400,
      'request_body_invalid',
    );
    expect(e.message).toBe('The request body could not be parsed.');
    // An empty JSON body is no body (Clerk's SDK posts actions that way), not a parse error.
    expect((await raw('POST', '/v1/client/sign_ins', { body: '', contentType: 'application/json' })).status).toBe(200);
    expectError(
      await raw('POST', '/v1/users', {
        body: '{{',
        contentType: 'application/json',
        headers: { authorization: `Bearer ${server.secretKey}` },
      }),
      400,
      'request_body_invalid',
    );
  });

  it('answer a body over 64 KB with 413 request_body_too_large, JSON or form', async () => {
    const e = expectError(
      await raw('POST', '/v1/client/sign_ins', {
        body: JSON.stringify({ identifier: big }),
        contentType: 'application/json',
      }),
      413,
      'request_body_too_large',
    );
    expect(e.message).toBe('The request body is too large.');
    expectError(
      await raw('POST', '/v1/client/sign_ins', {
        body: `identifier=${big}`,
        contentType: 'application/x-www-form-urlencoded',
      }),
      413,
      'request_body_too_large',
    );
  });

  it('answer an unsupported content type with 415 unsupported_media_type', async () => {
    const e = expectError(
      await raw('POST', '/v1/client/sign_ins', { body: 'identifier=x', contentType: 'text/plain' }),
      415,
      'unsupported_media_type',
    );
    expect(e.message).toBe('The request content type is not supported.');
    expectError(
      await raw('POST', '/v1/client/sign_ins', { body: '<x/>', contentType: 'application/xml' }),
      415,
      'unsupported_media_type',
    );
  });

  it('answer a missing required field with 422 form_param_missing naming it', async () => {
    const e = expectError(
      await raw('POST', '/v1/client/sign_ins/sia_whatever/attempt_first_factor', {
        body: JSON.stringify({ password: 'x' }),
        contentType: 'application/json',
      }),
      422,
      'form_param_missing',
    );
    expect(e).toMatchObject({ message: 'A required parameter is missing.', meta: { param_name: 'strategy' } });
  });

  it('answer a wrongly typed field with 422 form_param_format_invalid naming it', async () => {
    const e = expectError(
      await raw('POST', '/v1/client/sign_ins', {
        body: JSON.stringify({ identifier: { $ne: null } }),
        contentType: 'application/json',
      }),
      422,
      'form_param_format_invalid',
    );
    expect(e).toMatchObject({ message: 'A parameter has an invalid format.', meta: { param_name: 'identifier' } });
    const tooLong = expectError(
      await raw('POST', '/v1/client/sign_ins', {
        body: JSON.stringify({ identifier: 'x'.repeat(400) }),
        contentType: 'application/json',
      }),
      422,
      'form_param_format_invalid',
    );
    expect(tooLong.meta.param_name).toBe('identifier');
  });

  it('answer an unknown Backend API field with 422 form_param_unknown naming it', async () => {
    const e = expectError(
      await raw('POST', '/v1/users', {
        body: JSON.stringify({ email_address: [uniqueEmail()], is_admin: true }),
        contentType: 'application/json',
        headers: { authorization: `Bearer ${server.secretKey}` },
      }),
      422,
      'form_param_unknown',
    );
    expect(e.meta.param_name).toBe('is_admin');
  });

  it('answer unknown routes and methods with 404 resource_not_found', async () => {
    const e = expectError(await raw('GET', '/v1/nope'), 404, 'resource_not_found');
    expect(e.message).toBe('The requested resource was not found.');
    expectError(await raw('PUT', '/v1/client/sign_ins'), 404, 'resource_not_found');
    expectError(await raw('GET', '/v1/client/sign_ins/%E0%A4%A'), 404, 'resource_not_found');
    expectError(await raw('GET', `/v1/client/sign_ins/${'x'.repeat(300)}`), 404, 'resource_not_found');
    expectError(await raw('GET', '/../../etc/passwd'), 404, 'resource_not_found');
  });

  it('answer oversized path parameters and junk credentials without a 500', async () => {
    const long = await raw('GET', `/v1/client/sign_ins/${'x'.repeat(150)}`);
    expect(long.status).toBeGreaterThanOrEqual(400);
    expect(long.status).toBeLessThan(500);
    expectError(long, long.status, long.body.errors[0].code);

    for (const cookie of ['__client=%', `__client=${'z'.repeat(4000)}`, '__client="; __client=client_x.y']) {
      const r = await raw('GET', '/v1/client', { headers: { cookie } });
      expect(r.status, cookie).toBe(200);
      expect(r.body.response).toBeNull();
    }
    const bearer = await raw('GET', '/v1/client?_is_native=true', { headers: { authorization: 'Bearer \u00ff' } });
    expect(bearer.status).toBe(200);
    expectError(
      await raw('GET', '/v1/users', { headers: { authorization: 'Bearer sk_test_nope' } }),
      401,
      'secret_key_invalid',
    );
    const noAuth = await raw('GET', '/v1/users');
    expect(noAuth.status).toBe(401);
    expectError(noAuth, 401, noAuth.body.errors[0].code);
  });
});

describe('flows that are not the caller’s', () => {
  it('answer a sign-up attempt with a non-existent id with 404 sign_up_not_found', async () => {
    const browser = server.browser();
    await browser.post('/v1/client/sign_ups', { email_address: uniqueEmail() });
    const r = await browser.post('/v1/client/sign_ups/sua_doesnotexist/attempt_verification', {
      strategy: 'email_code',
      code: '123456',
    });
    expect(r.status).toBe(404);
    expect(r.body.errors[0]).toMatchObject({ code: 'sign_up_not_found', message: 'This sign-up was not found.' });
    const noClient = await server.browser().post('/v1/client/sign_ups/sua_doesnotexist/prepare_verification', {
      strategy: 'email_code',
    });
    expect(noClient.status).toBe(404);
    expect(noClient.body.errors[0].code).toBe('sign_up_not_found');
  });

  it('answer another client’s sign-up with sign_up_not_found, so its code cannot be tried elsewhere', async () => {
    const owner = server.browser();
    const created = await owner.post('/v1/client/sign_ups', { email_address: uniqueEmail(), password: PASSWORD });
    const id = created.body.response.id;
    await owner.post(`/v1/client/sign_ups/${id}/prepare_verification`, { strategy: 'email_code' });
    const stranger = server.browser();
    await stranger.post('/v1/client');
    for (const r of [
      await stranger.get(`/v1/client/sign_ups/${id}`),
      await stranger.post(`/v1/client/sign_ups/${id}/attempt_verification`, { strategy: 'email_code', code: '123456' }),
      await stranger.patch(`/v1/client/sign_ups/${id}`, { first_name: 'Mallory' }),
    ]) {
      expect(r.status).toBe(404);
      expect(r.body.errors[0].code).toBe('sign_up_not_found');
    }
  });

  it('answer another client’s sign-in with sign_in_not_found, even with the right password', async () => {
    const { email } = await createUser(server);
    const owner = server.browser();
    const created = await owner.post('/v1/client/sign_ins', { identifier: email });
    expect(created.body.response.status).toBe('needs_first_factor');
    const id = created.body.response.id;

    const stranger = server.browser();
    await stranger.post('/v1/client');
    const read = await stranger.get(`/v1/client/sign_ins/${id}`);
    expect(read.status).toBe(404);
    expect(read.body.errors[0]).toMatchObject({ code: 'sign_in_not_found', message: 'This sign-in was not found.' });
    const hijack = await stranger.post(`/v1/client/sign_ins/${id}/attempt_first_factor`, {
      strategy: 'password',
      password: PASSWORD,
    });
    expect(hijack.status).toBe(404);
    expect(hijack.body.errors[0].code).toBe('sign_in_not_found');
    expect((await stranger.get('/v1/client')).body.response.sessions).toEqual([]);

    const own = await owner.post(`/v1/client/sign_ins/${id}/attempt_first_factor`, {
      strategy: 'password',
      password: PASSWORD,
    });
    // The owner's fresh browser then passes Client Trust with the mailed code.
    expect(own.body.response.status).toBe('needs_client_trust');
    expect((await passClientTrust(owner, id, email)).body.response.status).toBe('complete');
  });
});
