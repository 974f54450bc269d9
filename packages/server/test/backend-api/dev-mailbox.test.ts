/**
 * The development mailbox (`GET /v1/dev/emails`): every email a development instance sent,
 * newest first, filtered by recipient; refused on production instances.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, uniqueEmail } from '../fixtures/flows.ts';
import { codeIn, startServer, type TestServer } from '../fixtures/server.ts';
import { expectError } from './expect-error.ts';

/** Starts a sign-up and asks for an email code: one email to `email`. */
async function sendCode(server: TestServer, email: string, origin: string | null = 'http://localhost:5173') {
  const browser = server.browser({ origin });
  const created = await browser.post('/v1/client/sign_ups', { email_address: email, password: PASSWORD });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const prepared = await browser.post(`/v1/client/sign_ups/${created.body.response.id}/prepare_verification`, {
    strategy: 'email_code',
  });
  expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
}

describe('on a development instance', () => {
  let server: TestServer;
  const a = uniqueEmail('mailbox-a');
  const b = uniqueEmail('mailbox-b');
  beforeAll(async () => {
    server = await startServer();
    await sendCode(server, a);
    server.clock.advance(1000);
    await sendCode(server, b);
    server.clock.advance(1000);
    await sendCode(server, a);
  });
  afterAll(() => server.close());

  it('lists every email, newest first, in the dev_email shape', async () => {
    const r = await server.backend.get('/v1/dev/emails');
    expect(r.status).toBe(200);
    expect(r.body.map((m: { to: string }) => m.to)).toEqual([a, b, a]);
    expect(r.body[0]).toEqual({
      object: 'dev_email',
      id: expect.stringMatching(/^email_/),
      to: a,
      from: expect.stringContaining('<no-reply@gatehouse.localhost>'),
      subject: expect.stringMatching(/verification code/),
      text: expect.stringMatching(/\b\d{6}\b/),
      html: expect.stringContaining('<'),
      template: expect.any(String),
      created_at: expect.any(Number),
    });
    const times = r.body.map((m: { created_at: number }) => m.created_at);
    expect(times).toEqual([...times].sort((x, y) => y - x));
  });

  it('filters by recipient, ignoring case, and pages', async () => {
    const toA = await server.backend.get(`/v1/dev/emails?to=${encodeURIComponent(a.toUpperCase())}`);
    expect(toA.status).toBe(200);
    expect(toA.body).toHaveLength(2);
    expect(toA.body.every((m: { to: string }) => m.to === a)).toBe(true);
    expect(codeIn(toA.body[0])).toMatch(/^\d{6}$/);
    expect(toA.body[0].created_at).toBeGreaterThan(toA.body[1].created_at);

    const toB = await server.backend.get(`/v1/dev/emails?to=${encodeURIComponent(b)}`);
    expect(toB.body.map((m: { to: string }) => m.to)).toEqual([b]);
    const nobody = await server.backend.get(`/v1/dev/emails?to=${encodeURIComponent(uniqueEmail('nobody'))}`);
    expect(nobody.body).toEqual([]);

    const all = (await server.backend.get('/v1/dev/emails')).body.map((m: { id: string }) => m.id);
    const page = await server.backend.get('/v1/dev/emails?limit=1&offset=1');
    expect(page.body.map((m: { id: string }) => m.id)).toEqual([all[1]]);
  });

  it('refuses unknown query parameters and a bad limit', async () => {
    expectError(await server.backend.get('/v1/dev/emails?subject=x'), 'form_param_unknown', { param_name: 'subject' });
    expectError(await server.backend.get('/v1/dev/emails?limit=501'), 'form_param_format_invalid', {
      param_name: 'limit',
    });
  });
});

describe('on a production instance', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ environment: 'production', smtp: true });
  });
  afterAll(() => server.close());

  it('answers 403 dev_instance_only, though the instance does send email over SMTP', async () => {
    expect(server.secretKey).toMatch(/^sk_live_/);
    const email = uniqueEmail('prod');
    await sendCode(server, email, null);
    const mail = await server.smtp!.waitFor(email);
    expect(codeIn(mail)).toMatch(/^\d{6}$/);

    expectError(await server.backend.get('/v1/dev/emails'), 'dev_instance_only');
    expectError(await server.backend.get(`/v1/dev/emails?to=${encodeURIComponent(email)}`), 'dev_instance_only');
  });

  it('has a pk_live_ publishable key', async () => {
    const r = await server.backend.get('/v1/instance');
    expect(r.body.environment_type).toBe('production');
    expect(r.body.publishable_key).toMatch(/^pk_live_/);
  });
});
