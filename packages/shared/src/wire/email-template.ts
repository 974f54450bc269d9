import { type Static, Type } from 'typebox';
import { Nullable, Timestamp } from './common.ts';

/** A variable an email template receives. */
export const TemplateVariableObject = Type.Object(
  { name: Type.String(), description: Type.String() },
  { title: 'EmailTemplateVariable' },
);

/**
 * An email template of the instance (Clerk's `template` object, email kind): Liquid source of
 * the subject, the HTML part (`body`, every output HTML-escaped) and the text part (`body_plain`).
 * `resource_type` is `system` for the built-in template, `user` once the instance changed it.
 */
export const EmailTemplateObject = Type.Object(
  {
    object: Type.Literal('template'),
    slug: Type.String(),
    template_type: Type.Literal('email'),
    name: Type.String(),
    description: Type.String(),
    resource_type: Type.Union([Type.Literal('system'), Type.Literal('user')]),
    can_revert: Type.Boolean(),
    subject: Type.String(),
    body: Type.String(),
    body_plain: Type.String(),
    available_variables: Type.Array(Type.String()),
    variables: Type.Array(TemplateVariableObject),
    updated_at: Nullable(Timestamp),
  },
  { title: 'EmailTemplate' },
);

/** A template rendered with sample variables. */
export const EmailTemplatePreviewObject = Type.Object(
  {
    object: Type.Literal('template_preview'),
    subject: Type.String(),
    html: Type.String(),
    text: Type.String(),
  },
  { title: 'EmailTemplatePreview' },
);

const Source = (description: string) => Type.String({ maxLength: 100_000, description });

/** `PUT /v1/templates/email/{slug}`: the parts to change; a part left out keeps its current source. */
export const EmailTemplateUpdateBody = Type.Object(
  {
    subject: Type.Optional(
      Type.String({ minLength: 1, maxLength: 1000, description: 'Liquid source of the subject.' }),
    ),
    body: Type.Optional(Source('Liquid source of the HTML part (outputs are HTML-escaped).')),
    body_plain: Type.Optional(Source('Liquid source of the plain-text part.')),
  },
  { additionalProperties: false },
);

export type EmailTemplateObject = Static<typeof EmailTemplateObject>;
export type EmailTemplatePreviewObject = Static<typeof EmailTemplatePreviewObject>;
export type EmailTemplateUpdateBody = Static<typeof EmailTemplateUpdateBody>;
