import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, type EmailTemplate } from './default-templates.ts';
import { renderTemplate } from './render-template.ts';

const SCRIPT = '<script>alert("x")</script>';

const template: EmailTemplate = {
  subject: 'Hello {{ name }}',
  html: '<p>Hello {{ name }}</p>',
  text: 'Hello {{ name }}',
};

describe('renderTemplate', () => {
  it('escapes markup from a variable in the HTML part', async () => {
    const r = await renderTemplate(template, { name: SCRIPT });
    expect(r.html).toBe('<p>Hello &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</p>');
    expect(r.html).not.toContain('<script>');
  });

  it('keeps the template’s own markup in the HTML part', async () => {
    const r = await renderTemplate(template, { name: 'Ada' });
    expect(r.html).toBe('<p>Hello Ada</p>');
  });

  it('does not escape the text part', async () => {
    const r = await renderTemplate(template, { name: SCRIPT });
    expect(r.text).toBe(`Hello ${SCRIPT}`);
  });

  it('does not escape the subject', async () => {
    const r = await renderTemplate(template, { name: 'Ada & Bob' });
    expect(r.subject).toBe('Hello Ada & Bob');
  });

  it('collapses whitespace in the subject and trims it', async () => {
    const t: EmailTemplate = { ...template, subject: '  Your\n  code   is\t{{ code }}\n\n' };
    const r = await renderTemplate(t, { code: '123456' });
    expect(r.subject).toBe('Your code is 123456');
  });

  it('collapses line breaks that come from a variable in the subject', async () => {
    const r = await renderTemplate(template, { name: 'Ada\r\nBcc: victim@example.com' });
    expect(r.subject).toBe('Hello Ada Bcc: victim@example.com');
    expect(r.subject).not.toMatch(/[\r\n]/);
  });

  it('keeps line breaks in the text part', async () => {
    const t: EmailTemplate = { ...template, text: 'line one\n\nline {{ n }}' };
    expect((await renderTemplate(t, { n: 2 })).text).toBe('line one\n\nline 2');
  });

  it('renders the default verification code template', async () => {
    const r = await renderTemplate(DEFAULT_TEMPLATES.verification_code, {
      app_name: '<b>Acme</b>',
      support_email: null,
      code: '424242',
      expires_in_minutes: 10,
    });
    expect(r.subject).toBe('424242 is your <b>Acme</b> verification code');
    expect(r.html).toContain('424242');
    expect(r.html).toContain('&lt;b&gt;Acme&lt;/b&gt;');
    expect(r.html).not.toContain('<b>Acme</b>');
    expect(r.text).toContain('<b>Acme</b>');
    expect(r.text).not.toContain('Questions?');
  });
});
