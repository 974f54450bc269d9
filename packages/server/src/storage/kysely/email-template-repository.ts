import type { Kysely, Selectable } from 'kysely';
import type { EmailTemplateRepository, StoredEmailTemplate } from '../../domain/store.ts';
import type { Database, EmailTemplatesTable } from '../schema.ts';

const toTemplate = (r: Selectable<EmailTemplatesTable>): StoredEmailTemplate => ({
  instanceId: r.instance_id,
  slug: r.slug,
  subject: r.subject,
  html: r.html,
  text: r.text,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class KyselyEmailTemplateRepository implements EmailTemplateRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async find(instanceId: string, slug: string): Promise<StoredEmailTemplate | null> {
    const r = await this.#db
      .selectFrom('email_templates')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('slug', '=', slug)
      .executeTakeFirst();
    return r ? toTemplate(r) : null;
  }

  async list(instanceId: string): Promise<StoredEmailTemplate[]> {
    const rows = await this.#db
      .selectFrom('email_templates')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .orderBy('slug')
      .execute();
    return rows.map(toTemplate);
  }

  async save(t: StoredEmailTemplate): Promise<void> {
    await this.#db
      .insertInto('email_templates')
      .values({
        instance_id: t.instanceId,
        slug: t.slug,
        subject: t.subject,
        html: t.html,
        text: t.text,
        created_at: t.createdAt,
        updated_at: t.updatedAt,
      })
      .onConflict((oc) =>
        oc.columns(['instance_id', 'slug']).doUpdateSet({
          subject: t.subject,
          html: t.html,
          text: t.text,
          updated_at: t.updatedAt,
        }),
      )
      .execute();
  }

  async delete(instanceId: string, slug: string): Promise<boolean> {
    const r = await this.#db
      .deleteFrom('email_templates')
      .where('instance_id', '=', instanceId)
      .where('slug', '=', slug)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
