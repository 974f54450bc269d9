/**
 * Email templates through the Backend API, after Clerk's `/v1/templates/email`: list, read,
 * change (Liquid; a syntax error is refused with its part and line), preview with sample
 * variables, and revert to the built-in template.
 */
import {
  EmailTemplateObject,
  EmailTemplatePreviewObject,
  EmailTemplateUpdateBody,
  ErrorResponse,
} from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import type { EmailTemplate } from '../../adapters/mail/default-templates.ts';
import {
  assertTemplateSlug,
  instanceTemplate,
  templateSlugs,
  validateTemplate,
} from '../../adapters/mail/instance-templates.ts';
import { renderTemplate } from '../../adapters/mail/render-template.ts';
import {
  COMMON_VARIABLES,
  sampleVariables,
  TEMPLATE_DESCRIPTIONS,
  TEMPLATE_VARIABLES,
} from '../../adapters/mail/template-variables.ts';
import type { TemplateSlug } from '../../domain/ports.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import type { TypedApp } from '../typed-app.ts';

const tags = ['Backend API: email templates'];
const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 64 }) });
const One = { 200: EmailTemplateObject, '4xx': ErrorResponse };

const title = (slug: string) => slug.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

function templateView(
  slug: TemplateSlug,
  r: { template: EmailTemplate; customized: boolean; updatedAt: number | null },
): EmailTemplateObject {
  const variables = Object.entries({ ...COMMON_VARIABLES, ...TEMPLATE_VARIABLES[slug] }).map(([name, v]) => ({
    name,
    description: v.description,
  }));
  return {
    object: 'template',
    slug,
    template_type: 'email',
    name: title(slug),
    description: TEMPLATE_DESCRIPTIONS[slug],
    resource_type: r.customized ? 'user' : 'system',
    can_revert: r.customized,
    subject: r.template.subject,
    body: r.template.html,
    body_plain: r.template.text,
    available_variables: variables.map((v) => v.name),
    variables,
    updated_at: r.updatedAt,
  };
}

/** The template with the body's parts applied over the current ones. */
const merged = (current: EmailTemplate, body: EmailTemplateUpdateBody | undefined): EmailTemplate => ({
  subject: body?.subject ?? current.subject,
  html: body?.body ?? current.html,
  text: body?.body_plain ?? current.text,
});

export function emailTemplateRoutes(app: TypedApp, deps: AppDeps): void {
  const current = (instanceId: string, slug: TemplateSlug) =>
    instanceTemplate(deps.store.emailTemplates, instanceId, slug);

  app.get(
    ROUTES.backend.emailTemplates.list,
    {
      schema: {
        tags,
        summary: 'Every email the server sends, with its current template',
        response: { 200: Type.Array(EmailTemplateObject), '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const { instance } = request.bapi;
      return Promise.all(templateSlugs().map(async (slug) => templateView(slug, await current(instance.id, slug))));
    },
  );

  app.get(
    ROUTES.backend.emailTemplates.one,
    { schema: { tags, params: SlugParams, response: One } },
    async (request) => {
      const slug = assertTemplateSlug(request.params.slug);
      return templateView(slug, await current(request.bapi.instance.id, slug));
    },
  );

  app.put(
    ROUTES.backend.emailTemplates.one,
    {
      schema: {
        tags,
        summary: 'Change a template (Liquid); one with a syntax error is refused with its line',
        params: SlugParams,
        body: EmailTemplateUpdateBody,
        response: One,
      },
    },
    async (request) => {
      const { instance } = request.bapi;
      const slug = assertTemplateSlug(request.params.slug);
      const before = await current(instance.id, slug);
      const next = merged(before.template, request.body);
      await validateTemplate(slug, next);
      const now = deps.clock.now();
      await deps.store.emailTemplates.save({
        instanceId: instance.id,
        slug,
        ...next,
        createdAt: now,
        updatedAt: now,
      });
      await deps.registry.changed(instance.id); // every node's mailer drops its cached copy
      return templateView(slug, { template: next, customized: true, updatedAt: now });
    },
  );

  app.post(
    ROUTES.backend.emailTemplates.preview,
    {
      schema: {
        tags,
        summary: 'Render a template (the given parts, else the current ones) with sample variables',
        params: SlugParams,
        body: Type.Optional(EmailTemplateUpdateBody),
        response: { 200: EmailTemplatePreviewObject, '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const { instance } = request.bapi;
      const slug = assertTemplateSlug(request.params.slug);
      const t = merged((await current(instance.id, slug)).template, request.body);
      await validateTemplate(slug, t);
      const rendered = await renderTemplate(t, {
        ...sampleVariables(slug),
        app_name: instance.settings.application_name,
        support_email: instance.settings.support_email,
      });
      return { object: 'template_preview' as const, ...rendered };
    },
  );

  app.post(
    ROUTES.backend.emailTemplates.revert,
    { schema: { tags, summary: 'Go back to the built-in template', params: SlugParams, response: One } },
    async (request) => {
      const { instance } = request.bapi;
      const slug = assertTemplateSlug(request.params.slug);
      await deps.store.emailTemplates.delete(instance.id, slug);
      await deps.registry.changed(instance.id); // every node's mailer drops its cached copy
      return templateView(slug, await current(instance.id, slug));
    },
  );
}
