/**
 * Which template an instance sends for a slug: the one it saved through the Backend API,
 * else the built-in one. Saving checks all three parts parse, so a template with a syntax
 * error never reaches a send.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { TemplateSlug } from '../../domain/ports.ts';
import { DEFAULT_TEMPLATES, type EmailTemplate } from './default-templates.ts';
import { checkTemplate, renderTemplate } from './render-template.ts';
import type { TemplateFinder } from './template-cache.ts';
import { sampleVariables } from './template-variables.ts';

export const isTemplateSlug = (slug: string): slug is TemplateSlug => Object.hasOwn(DEFAULT_TEMPLATES, slug);

export const templateSlugs = (): TemplateSlug[] => Object.keys(DEFAULT_TEMPLATES).sort() as TemplateSlug[];

export function assertTemplateSlug(slug: string): TemplateSlug {
  if (!isTemplateSlug(slug)) throw new GatehouseError('email_template_not_found', { meta: { slug } });
  return slug;
}

export async function instanceTemplate(
  repo: TemplateFinder,
  instanceId: string,
  slug: TemplateSlug,
): Promise<{ template: EmailTemplate; customized: boolean; updatedAt: number | null }> {
  const stored = await repo.find(instanceId, slug);
  if (stored)
    return {
      template: { subject: stored.subject, html: stored.html, text: stored.text },
      customized: true,
      updatedAt: stored.updatedAt,
    };
  return { template: DEFAULT_TEMPLATES[slug], customized: false, updatedAt: null };
}

/** Throws `email_template_invalid` naming the part and line of the first syntax error. */
export function assertTemplateValid(t: EmailTemplate): void {
  const problem = checkTemplate(t);
  if (problem)
    throw new GatehouseError('email_template_invalid', {
      longMessage: `The ${problem.part} part has a syntax error${problem.line ? ` on line ${problem.line}` : ''}: ${problem.message}`,
      meta: { param_name: problem.part, line: problem.line, column: problem.column },
    });
}

/**
 * Everything saving checks: every part parses, and the template renders with sample values
 * (a tag that parses but fails when run, such as `{% include %}`, is refused here, not at send).
 */
export async function validateTemplate(slug: TemplateSlug, t: EmailTemplate): Promise<void> {
  assertTemplateValid(t);
  try {
    await renderTemplate(t, sampleVariables(slug));
  } catch (err) {
    const e = err as { message?: string; token?: { getPosition?: () => [number, number] } };
    const pos = e.token?.getPosition?.() ?? null;
    const message = String(e.message ?? 'render error').replace(/, line:\d+, col:\d+$/, '');
    throw new GatehouseError('email_template_invalid', {
      longMessage: `The template fails to render${pos ? ` (line ${pos[0]})` : ''}: ${message}`,
      meta: { line: pos?.[0] ?? null, column: pos?.[1] ?? null },
    });
  }
}
