/**
 * Renders an email template with liquidjs. The HTML part escapes every output (a user's name
 * cannot inject markup); the subject and text parts are plain text and are not escaped.
 * Parsed templates are cached by source text.
 */
import { Liquid, type Template } from 'liquidjs';
import type { EmailTemplate } from './default-templates.ts';

const html = new Liquid({ outputEscape: 'escape', strictFilters: true, ownPropertyOnly: true });
const plain = new Liquid({ strictFilters: true, ownPropertyOnly: true });
const parsed = new Map<string, Template[]>();

const parse = (engine: Liquid, kind: string, source: string): Template[] => {
  const key = `${kind}\0${source}`;
  let t = parsed.get(key);
  if (!t) {
    t = engine.parse(source);
    if (parsed.size > 500) parsed.clear();
    parsed.set(key, t);
  }
  return t;
};

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export async function renderTemplate(t: EmailTemplate, vars: Record<string, unknown>): Promise<RenderedEmail> {
  const [subject, body, text] = await Promise.all([
    plain.render(parse(plain, 'subject', t.subject), vars),
    html.render(parse(html, 'html', t.html), vars),
    plain.render(parse(plain, 'text', t.text), vars),
  ]);
  return { subject: String(subject).replace(/\s+/g, ' ').trim(), html: String(body), text: String(text) };
}
