/**
 * Email templates per instance through the Backend API (`/v1/templates/email`): listed with
 * their variables, changed in Liquid (a syntax error refused with its line), previewed with
 * sample values, reverted; the server sends the instance's template, with variables escaped
 * in the HTML part. Mail is read from a real SMTP sink.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, uniqueEmail } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ smtp: true, settings: { application_name: 'Acme <b>Co</b>' } });
});
afterAll(() => server.close());

const CUSTOM = {
  subject: 'Your {{ app_name }} code: {{ code }}',
  body: '<p>Hello from {{ app_name }}</p>\n<p>Code <strong>{{ code }}</strong></p>',
  body_plain: 'Code for {{ app_name }}: {{ code }} (valid {{ expires_in_minutes }} min)',
};

async function sendCode(): Promise<{ email: string }> {
  const email = uniqueEmail();
  const browser = server.browser();
  const created = await browser.post('/v1/client/sign_ups', { email_address: email, password: PASSWORD });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const prepared = await browser.post(`/v1/client/sign_ups/${created.body.response.id}/prepare_verification`, {
    strategy: 'email_code',
  });
  expect(prepared.status).toBe(200);
  return { email };
}

describe('reading templates', () => {
  it('lists every email the server sends, built-in, with documented variables', async () => {
    const r = await server.backend.get('/v1/templates/email');
    expect(r.status).toBe(200);
    const slugs = r.body.map((t: { slug: string }) => t.slug);
    expect(slugs).toEqual(expect.arrayContaining(['verification_code', 'password_changed', 'new_device_sign_in']));
    const alert = r.body.find((t: { slug: string }) => t.slug === 'new_device_sign_in');
    expect(alert).toMatchObject({
      object: 'template',
      template_type: 'email',
      resource_type: 'system',
      can_revert: false,
    });
    expect(alert.available_variables).toEqual(
      expect.arrayContaining(['app_name', 'support_email', 'device', 'location', 'ip_address', 'revoke_url']),
    );
    expect(alert.variables.every((v: { description: string }) => v.description.length > 0)).toBe(true);
  });

  it('answers email_template_not_found for an unknown slug', async () => {
    for (const r of [
      await server.backend.get('/v1/templates/email/nope'),
      await server.backend.put('/v1/templates/email/nope', CUSTOM),
      await server.backend.post('/v1/templates/email/__proto__/preview', {}),
    ]) {
      expect(r.status).toBe(404);
      expect(r.body.errors[0].code).toBe('email_template_not_found');
    }
  });
});

describe('changing a template', () => {
  it('refuses a syntax error with its part and line, and keeps the old template', async () => {
    const r = await server.backend.put('/v1/templates/email/verification_code', {
      body: '<p>one</p>\n<p>two</p>\n{% if code %}never closed',
    });
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ code: 'email_template_invalid', meta: { param_name: 'html', line: 3 } });
    expect(r.body.errors[0].long_message).toContain('line 3');

    const subject = await server.backend.put('/v1/templates/email/verification_code', {
      subject: '{{ code | nofilter }}',
    });
    expect(subject.status).toBe(422);
    expect(subject.body.errors[0].meta).toMatchObject({ param_name: 'subject', line: 1 });

    expect((await server.backend.get('/v1/templates/email/verification_code')).body.resource_type).toBe('system');
  });

  it('refuses a template that reads files from the server', async () => {
    const r = await server.backend.put('/v1/templates/email/verification_code', {
      body_plain: "{% include '/etc/passwd' %}",
    });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].code).toBe('email_template_invalid');
  });

  it('refuses a template that would tie the server up', async () => {
    const r = await server.backend.put('/v1/templates/email/verification_code', {
      body: '{% for i in (1..100000000) %}{{ i }}{% endfor %}',
    });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].code).toBe('email_template_invalid');
  });

  it('previews with sample variables, escaping them in the HTML part', async () => {
    const r = await server.backend.post('/v1/templates/email/verification_code/preview', CUSTOM);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({
      object: 'template_preview',
      subject: 'Your Acme <b>Co</b> code: 424242',
      html: '<p>Hello from Acme &lt;b&gt;Co&lt;/b&gt;</p>\n<p>Code <strong>424242</strong></p>',
      text: 'Code for Acme <b>Co</b>: 424242 (valid 10 min)',
    });
    // A preview saves nothing.
    expect((await server.backend.get('/v1/templates/email/verification_code')).body.resource_type).toBe('system');
  });

  it('sends the saved template, then the built-in one again after revert', async () => {
    const saved = await server.backend.put('/v1/templates/email/verification_code', CUSTOM);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({
      resource_type: 'user',
      can_revert: true,
      subject: CUSTOM.subject,
      body: CUSTOM.body,
    });

    const { email } = await sendCode();
    const mail = await server.smtp!.waitFor(email);
    expect(mail.subject).toMatch(/^Your Acme <b>Co<\/b> code: \d{6}$/);
    expect(mail.html).toContain('<p>Hello from Acme &lt;b&gt;Co&lt;/b&gt;</p>');
    expect(mail.text).toMatch(/^Code for Acme <b>Co<\/b>: \d{6} \(valid \d+ min\)/);

    const reverted = await server.backend.post('/v1/templates/email/verification_code/revert', {});
    expect(reverted.status).toBe(200);
    expect(reverted.body).toMatchObject({ resource_type: 'system', can_revert: false });
    const again = await sendCode();
    expect((await server.smtp!.waitFor(again.email)).subject).toMatch(
      /^\d{6} is your Acme <b>Co<\/b> verification code$/,
    );
  });

  // The mailer caches templates per node (adapters/mail/template-cache.ts); saving drops it.
  it('sends an edited template with the very next email, after one sent with the old template', async () => {
    const slug = '/v1/templates/email/verification_code';
    const first = await sendCode();
    expect((await server.smtp!.waitFor(first.email)).subject).toMatch(/verification code$/);

    for (const subject of ['First edit {{ code }}', 'Second edit {{ code }}']) {
      expect((await server.backend.put(slug, { ...CUSTOM, subject })).status).toBe(200);
      const { email } = await sendCode();
      expect((await server.smtp!.waitFor(email)).subject).toMatch(new RegExp(`^${subject.split(' {{')[0]} \\d{6}$`));
    }

    expect((await server.backend.post(`${slug}/revert`, {})).status).toBe(200);
    const last = await sendCode();
    expect((await server.smtp!.waitFor(last.email)).subject).toMatch(/verification code$/);
  });

  it('changes one part and keeps the others', async () => {
    const r = await server.backend.put('/v1/templates/email/password_changed', {
      subject: 'Password changed at {{ app_name }}',
    });
    expect(r.status).toBe(200);
    expect(r.body.subject).toBe('Password changed at {{ app_name }}');
    expect(r.body.body_plain).toContain('{{ changed_at }}');
  });
});
