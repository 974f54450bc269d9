/**
 * Renders an email template with liquidjs. The HTML part escapes every output (a user's name
 * cannot inject markup); the subject and text parts are plain text and are not escaped.
 * Parsed templates are cached by source text.
 */
import { type FS, Liquid, type Template } from 'liquidjs';
import type { EmailTemplate } from './default-templates.ts';

/**
 * Templates are edited through the Backend API, so they must not reach the server's files:
 * `{% include %}`, `{% render %}` and `{% layout %}` see an empty file system.
 */
const NO_FILES: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async () => {
    throw new Error('email templates cannot include files');
  },
  readFileSync: () => {
    throw new Error('email templates cannot include files');
  },
  resolve: (_dir, file) => file,
  contains: async () => false,
  containsSync: () => false,
};
const OPTIONS = {
  strictFilters: true,
  ownPropertyOnly: true,
  fs: NO_FILES,
  root: [],
  partials: [],
  layouts: [],
  relativeReference: false,
  // A template (editable through the Backend API) cannot tie the server up: bounded source
  // length, render time (ms) and memory (liquidjs counts string and array allocations).
  parseLimit: 300_000,
  renderLimit: 1000,
  memoryLimit: 10_000_000,
};
const html = new Liquid({ ...OPTIONS, outputEscape: 'escape' });
const plain = new Liquid(OPTIONS);
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

export interface TemplateProblem {
  part: 'subject' | 'html' | 'text';
  line: number | null;
  column: number | null;
  /** liquidjs's message without its own ", line:N, col:M" suffix. */
  message: string;
}

/** The first syntax error of a template's parts (each parsed by the engine that renders it), or null. */
export function checkTemplate(t: EmailTemplate): TemplateProblem | null {
  for (const [part, engine] of [
    ['subject', plain],
    ['html', html],
    ['text', plain],
  ] as const) {
    try {
      engine.parse(t[part]);
    } catch (err) {
      const e = err as { message?: string; token?: { getPosition?: () => [number, number] } };
      const pos = e.token?.getPosition?.() ?? null;
      const message = String(e.message ?? 'syntax error').replace(/, line:\d+, col:\d+$/, '');
      return { part, line: pos?.[0] ?? null, column: pos?.[1] ?? null, message };
    }
  }
  return null;
}

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
