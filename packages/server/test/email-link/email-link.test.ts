/**
 * Sign-in links (`email_link`, magic link) over HTTP:
 * - the link completes the sign-in in the browser that asked for it and returns it to the
 *   `redirect_url` with `__clerk_status=verified`; the waiting tab sees `complete` on its poll;
 * - same-device protection (default): a second browser client opening the link gets the
 *   `client_mismatch` page and completes nothing, and the link still works where it started;
 * - a link works once (also under concurrent opens), for 10 minutes; a changed token is unknown;
 * - `redirect_url` must be absolute and on an allowed origin; the factor is off unless enabled.
 * @see issue 7 (first factors: email_link)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';

const REDIRECT = 'http://localhost:5173/sign-in/verify';
const CONCURRENCY = 16;

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    settings: {
      auth: { email_address: { sign_in_with_link: true } },
      attack_protection: { rate_limits: { enabled: false } },
    },
  });
});
afterAll(() => server.close());

/** The path and query of the link in the newest mail to `email`. */
async function linkPath(email: string): Promise<string> {
  const mail = await server.lastDevEmail(email);
  const m = /(https?:\/\/\S+\/v1\/verify\?token=[A-Za-z0-9_%.-]+)/.exec(mail.text);
  if (!m) throw new Error(`no link in mail: ${mail.text}`);
  const url = new URL(m[1]!);
  return `${url.pathname}${url.search}`;
}

/** A sign-in waiting for its link, started in `browser`. */
async function requestLink(browser: Browser, email: string, redirectUrl: string | undefined = REDIRECT) {
  const created = await browser.post('/v1/client/sign_ins', { identifier: email });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const id = created.body.response.id as string;
  const prepared = await browser.post(`/v1/client/sign_ins/${id}/prepare_first_factor`, {
    strategy: 'email_link',
    redirect_url: redirectUrl,
  });
  return { id, prepared };
}

const pageStatus = (html: string) => /data-clerk-status="([a-z_]+)"/.exec(html)?.[1];

describe('email_link sign-in', () => {
  it('offers email_link with the masked address and mails a link valid 10 minutes', async () => {
    const { email } = await createUser(server);
    const browser = server.browser();
    const { prepared } = await requestLink(browser, email);
    expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
    const r = prepared.body.response;
    expect(r.status).toBe('needs_first_factor');
    expect(r.supported_first_factors).toContainEqual(
      expect.objectContaining({ strategy: 'email_link', safe_identifier: expect.stringContaining('*') }),
    );
    expect(r.first_factor_verification).toMatchObject({ strategy: 'email_link', status: 'unverified' });
    const mail = await server.lastDevEmail(email);
    expect(mail.text).toContain('/v1/verify?token=');
    expect(mail.text).toContain('expires in 10 minutes');
  });

  it('completes the sign-in in the browser that asked, redirects with __clerk_status=verified, and the poll sees it', async () => {
    const { email, userId } = await createUser(server);
    const browser = server.browser();
    const { id } = await requestLink(browser, email);
    const before = browser.clientToken;

    const opened = await browser.get(await linkPath(email));
    expect(opened.status).toBe(303);
    const target = new URL(opened.headers.get('location')!);
    expect(`${target.origin}${target.pathname}`).toBe(REDIRECT);
    expect(target.searchParams.get('__clerk_status')).toBe('verified');
    // The session rotated the client token (the waiting tab shares the cookie jar).
    expect(browser.clientToken).not.toBe(before);

    const polled = await browser.get(`/v1/client/sign_ins/${id}`);
    expect(polled.body.response.status).toBe('complete');
    const sessionId = polled.body.response.created_session_id as string;
    expect(sessionId).toMatch(/^sess_/);
    expect(target.searchParams.get('__clerk_created_session')).toBe(sessionId);
    const sessions = await server.backend.get(`/v1/sessions?user_id=${userId}`);
    expect(sessions.body.map((s: { id: string }) => s.id)).toEqual([sessionId]);
  });

  it('a second browser client opening the link completes nothing (client_mismatch); the first still can', async () => {
    const { email, userId } = await createUser(server);
    const original = server.browser();
    const { id } = await requestLink(original, email);
    const path = await linkPath(email);

    // Another browser with a client of its own, and one with no client at all.
    const other = server.browser();
    await requestLink(other, (await createUser(server)).email);
    for (const stranger of [other, server.browser()]) {
      const opened = await stranger.get(path);
      expect(opened.status).toBe(403);
      expect(opened.headers.get('content-type')).toContain('text/html');
      expect(pageStatus(opened.body)).toBe('client_mismatch');
      expect(opened.body).toContain('Open this link on the device where you started');
    }
    expect((await original.get(`/v1/client/sign_ins/${id}`)).body.response.status).toBe('needs_first_factor');
    expect((await server.backend.get(`/v1/sessions?user_id=${userId}`)).body).toHaveLength(0);

    expect((await original.get(path)).status).toBe(303);
    expect((await original.get(`/v1/client/sign_ins/${id}`)).body.response.status).toBe('complete');
  });

  it('works once: opened again it is refused (failed, used)', async () => {
    const { email } = await createUser(server);
    const browser = server.browser();
    await requestLink(browser, email);
    const path = await linkPath(email);
    expect((await browser.get(path)).status).toBe(303);
    const again = await browser.get(path);
    expect(again.status).toBe(410);
    expect(pageStatus(again.body)).toBe('failed');
    expect(again.body).toContain('already used');
  });

  // One-time link consumed by a conditional write: of concurrent opens exactly one wins.
  it('is single-use under concurrent opens in the same browser: exactly one completes', async () => {
    const { email, userId } = await createUser(server);
    const browser = server.browser();
    const { id } = await requestLink(browser, email);
    const path = await linkPath(email);
    const results = await Promise.all(Array.from({ length: CONCURRENCY }, () => browser.get(path)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 303)).toHaveLength(1);
    // Losers: the link already used (410 failed), or, when they arrive after the winner rotated
    // the client token, their old token names no client (403 client_mismatch). None completes.
    for (const r of results.filter((x) => x.status !== 303))
      expect([`410 failed`, `403 client_mismatch`]).toContain(`${r.status} ${pageStatus(r.body)}`);
    expect((await browser.get(`/v1/client/sign_ins/${id}`)).body.response.status).toBe('complete');
    expect((await server.backend.get(`/v1/sessions?user_id=${userId}`)).body).toHaveLength(1);
  });

  it('expires after 10 minutes (expired) and refuses a changed token (failed)', async () => {
    const { email } = await createUser(server);
    const browser = server.browser();
    const { id } = await requestLink(browser, email);
    const path = await linkPath(email);

    const tampered = path.replace(/token=(.)/, (_m, c: string) => `token=${c === 'A' ? 'B' : 'A'}`);
    const bad = await browser.get(tampered);
    expect(bad.status).toBe(400);
    expect(pageStatus(bad.body)).toBe('failed');
    expect((await browser.get('/v1/verify')).status).toBe(400);

    server.clock.advance(10 * 60 * 1000 + 1000);
    const late = await browser.get(path);
    expect(late.status).toBe(410);
    expect(pageStatus(late.body)).toBe('expired');
    expect((await browser.get(`/v1/client/sign_ins/${id}`)).body.response.status).toBe('needs_first_factor');
  });

  it('throttles a resend for one sign-in (too_many_requests with retry_after_seconds)', async () => {
    const { email } = await createUser(server);
    const browser = server.browser();
    const { id } = await requestLink(browser, email);
    const resend = () =>
      browser.post(`/v1/client/sign_ins/${id}/prepare_first_factor`, {
        strategy: 'email_link',
        redirect_url: REDIRECT,
      });
    server.clock.advance(5_000);
    const soon = await resend();
    expect(soon.status).toBe(429);
    expect(soon.body.errors[0]).toMatchObject({ code: 'too_many_requests', meta: { retry_after_seconds: 25 } });
    server.clock.advance(25_000);
    expect((await resend()).status).toBe(200);
  });

  it('refuses a redirect_url that is missing, relative or on a foreign origin', async () => {
    const { email } = await createUser(server);
    for (const redirectUrl of ['', '/after', 'https://evil.example/after', 'javascript:alert(1)']) {
      const browser = server.browser();
      const { prepared } = await requestLink(browser, email, redirectUrl);
      expect(prepared.status, `${redirectUrl}: ${JSON.stringify(prepared.body)}`).toBe(422);
      expect(prepared.body.errors[0]).toMatchObject({
        code: 'form_param_format_invalid',
        meta: { param_name: 'redirect_url' },
      });
    }
  });
});

describe('email_link settings', () => {
  it('is not offered, and refused, unless auth.email_address.sign_in_with_link is on', async () => {
    const off = await startServer();
    try {
      const { email } = await createUser(off);
      const browser = off.browser();
      const created = await browser.post('/v1/client/sign_ins', { identifier: email });
      const factors = created.body.response.supported_first_factors.map((f: { strategy: string }) => f.strategy);
      expect(factors).not.toContain('email_link');
      const prepared = await browser.post(`/v1/client/sign_ins/${created.body.response.id}/prepare_first_factor`, {
        strategy: 'email_link',
        redirect_url: REDIRECT,
      });
      expect(prepared.status).toBe(422);
      expect(prepared.body.errors[0].code).toBe('strategy_for_user_invalid');
      const env = await browser.get('/v1/environment');
      expect(env.body.auth_config.first_factors).not.toContain('email_link');
    } finally {
      await off.close();
    }
  });

  it('with same_device off, a link opened elsewhere verifies and the original tab completes on its poll', async () => {
    const loose = await startServer({
      settings: { auth: { email_address: { sign_in_with_link: true, email_link: { same_device: false } } } },
    });
    try {
      const { email, userId } = await createUser(loose);
      const original = loose.browser();
      const created = await original.post('/v1/client/sign_ins', { identifier: email });
      const id = created.body.response.id as string;
      await original.post(`/v1/client/sign_ins/${id}/prepare_first_factor`, {
        strategy: 'email_link',
        redirect_url: REDIRECT,
      });
      const mail = await loose.lastDevEmail(email);
      const url = new URL(/(https?:\/\/\S+\/v1\/verify\?token=\S+)/.exec(mail.text)![1]!);
      const phone = loose.browser();
      const opened = await phone.get(`${url.pathname}${url.search}`);
      expect(opened.status).toBe(303);
      expect(phone.clientToken).toBeUndefined();
      expect((await loose.backend.get(`/v1/sessions?user_id=${userId}`)).body).toHaveLength(0);

      const env = await original.get('/v1/environment');
      expect(env.body.auth_config.first_factors).toContain('email_link');
      const polled = await original.get(`/v1/client/sign_ins/${id}`);
      expect(polled.body.response.status).toBe('complete');
      const sessions = await loose.backend.get(`/v1/sessions?user_id=${userId}`);
      expect(sessions.body.map((s: { id: string }) => s.id)).toEqual([polled.body.response.created_session_id]);
    } finally {
      await loose.close();
    }
  });
});
