/**
 * Email over real SMTP (smtp-server sink): the verification code mail arrives with subject,
 * text and HTML parts from the instance's sender, and its code completes the sign-up; a
 * password change sends the password_changed mail; names with HTML-special characters are
 * escaped in HTML parts and cannot inject markup.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PASSWORD, uniqueEmail } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import { codeIn, startServer, type TestServer } from '../fixtures/server.ts';
import type { ReceivedMail } from '../fixtures/smtp-sink.ts';

const APP_NAME = 'Acme <b>&</b> "Co"';
const FROM_ADDRESS = 'auth@acme.example';
const FROM_NAME = 'Acme Accounts';
const NEW_PASSWORD = 'a brand new passphrase';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    smtp: true,
    settings: {
      application_name: APP_NAME,
      support_email: 'help@acme.example',
      email: { from_address: FROM_ADDRESS, from_name: FROM_NAME },
    },
  });
});
afterAll(() => server.close());

/** The mails the sink received for `to` whose subject matches, oldest first. */
const mailsTo = (to: string, subject: RegExp): ReceivedMail[] =>
  server.smtp!.messages.filter((m) => m.to.includes(to) && subject.test(m.subject));

const waitForMail = (to: string, subject: RegExp) =>
  vi.waitFor(
    () => {
      const m = mailsTo(to, subject).at(-1);
      if (!m) throw new Error(`no mail "${subject}" to ${to} yet`);
      return m;
    },
    { timeout: 5000, interval: 20 },
  );

/** Signs up through the Frontend API with the code read from the SMTP sink. */
async function signUpOverSmtp(browser: Browser, email: string, extra: Record<string, string> = {}) {
  const created = await browser.post('/v1/client/sign_ups', { email_address: email, password: PASSWORD, ...extra });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const id = created.body.response.id;
  const prepared = await browser.post(`/v1/client/sign_ups/${id}/prepare_verification`, { strategy: 'email_code' });
  expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
  const mail = await server.smtp!.waitFor(email);
  const done = await browser.post(`/v1/client/sign_ups/${id}/attempt_verification`, {
    strategy: 'email_code',
    code: codeIn(mail),
  });
  return { mail, done };
}

describe('verification code over SMTP', () => {
  it('arrives at the SMTP server with subject, text and HTML parts, and its code completes the sign-up', async () => {
    const email = uniqueEmail('smtp');
    const { mail, done } = await signUpOverSmtp(server.browser(), email);

    expect(mail.to).toEqual([email]);
    const code = codeIn(mail);
    expect(mail.subject).toBe(`${code} is your ${APP_NAME} verification code`);
    expect(mail.text).toContain(`Enter this code to continue to ${APP_NAME}: ${code}`);
    expect(mail.text).toContain('expires in 10 minutes');
    expect(mail.text).toContain('help@acme.example');
    expect(mail.html).toContain(code);
    expect(mail.html).toMatch(/^<!doctype html>[\s\S]*<\/html>\s*$/);

    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.response.status).toBe('complete');
    const user = await server.backend.get(`/v1/users/${done.body.response.created_user_id}`);
    expect(user.body.email_addresses[0]).toMatchObject({
      email_address: email,
      verification: { status: 'verified', strategy: 'email_code' },
    });
  });

  it('is sent from the instance’s email settings', async () => {
    const email = uniqueEmail('from');
    await signUpOverSmtp(server.browser(), email);
    const mail = await server.smtp!.waitFor(email);
    // The SMTP envelope sender, and the From header as kept in the dev mailbox.
    expect(mail.from).toBe(FROM_ADDRESS);
    const kept = (await server.backend.get(`/v1/dev/emails?to=${encodeURIComponent(email)}&limit=1`)).body[0];
    expect(kept.from).toBe(`"${FROM_NAME}" <${FROM_ADDRESS}>`);
    expect(kept.subject).toBe(mail.subject);
  });

  it('escapes HTML-special characters in the HTML part and keeps them plain in the text part', async () => {
    const email = uniqueEmail('escape');
    const { mail } = await signUpOverSmtp(server.browser(), email);
    expect(mail.html).not.toContain(APP_NAME);
    expect(mail.html).not.toContain('<b>&</b>');
    expect(mail.html).toContain('Acme &lt;b&gt;&amp;&lt;/b&gt; &#34;Co&#34;');
    expect(mail.text).toContain(APP_NAME);
  });

  it('does not send a code mail for a sign-up from a refused origin', async () => {
    const email = uniqueEmail('refused');
    const r = await server.browser({ origin: 'https://evil.example' }).post('/v1/client/sign_ups', {
      email_address: email,
      password: PASSWORD,
    });
    expect(r.status).toBe(403);
    expect(server.smtp!.messages.filter((m) => m.to.includes(email))).toEqual([]);
  });
});

describe('password changed mail over SMTP', () => {
  it('is sent after POST /v1/me/change_password, and not after a refused change', async () => {
    const browser = server.browser();
    const email = uniqueEmail('pwchange');
    const { done } = await signUpOverSmtp(browser, email);
    expect(done.body.response.status).toBe('complete');

    const refused = await browser.post('/v1/me/change_password', {
      current_password: 'not my password',
      new_password: NEW_PASSWORD,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({
      code: 'form_password_incorrect',
      meta: { param_name: 'current_password' },
    });
    expect(mailsTo(email, /password was changed/)).toEqual([]);

    const changed = await browser.post('/v1/me/change_password', {
      current_password: PASSWORD,
      new_password: NEW_PASSWORD,
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const mail = await waitForMail(email, /password was changed/);
    expect(mail.subject).toBe(`Your ${APP_NAME} password was changed`);
    expect(mail.from).toBe(FROM_ADDRESS);
    expect(mail.text).toMatch(/was changed on \d{4}-\d{2}-\d{2}T/);
    expect(mail.html).toContain('Your password was changed');
    expect(mail.html).not.toContain(NEW_PASSWORD);
    expect(mail.text).not.toContain(NEW_PASSWORD);

    await browser.delete('/v1/client/sessions');
    const old = await browser.post('/v1/client/sign_ins', { identifier: email, password: PASSWORD });
    expect(old.status).toBe(422);
    const fresh = await browser.post('/v1/client/sign_ins', { identifier: email, password: NEW_PASSWORD });
    expect(fresh.body.response.status).toBe('complete');
  });

  it('stays well-formed, with no injected markup, for a user whose first name is HTML', async () => {
    const browser = server.browser();
    const email = uniqueEmail('htmlname');
    const firstName = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const { done } = await signUpOverSmtp(browser, email, { first_name: firstName });
    expect(done.body.response.status).toBe('complete');
    expect((await browser.get('/v1/me')).body.response.first_name).toBe(firstName);

    const changed = await browser.post('/v1/me/change_password', {
      current_password: PASSWORD,
      new_password: NEW_PASSWORD,
    });
    expect(changed.status).toBe(200);
    const mail = await waitForMail(email, /password was changed/);
    for (const part of [mail.html, mail.text, mail.subject]) {
      expect(part).not.toContain('<script>');
      expect(part).not.toContain('onerror=alert');
    }
    expect(mail.html).toMatch(/^<!doctype html>[\s\S]*<\/html>\s*$/);
  });
});
