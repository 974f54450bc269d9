import type { Kysely } from 'kysely';
import type { DevEmail, DevMailboxRepository } from '../../domain/store.ts';
import type { Database } from '../schema.ts';

export class KyselyDevMailboxRepository implements DevMailboxRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async add(e: DevEmail): Promise<void> {
    await this.#db
      .insertInto('dev_emails')
      .values({
        id: e.id,
        instance_id: e.instanceId,
        to_address: e.to,
        from_address: e.from,
        subject: e.subject,
        html: e.html,
        text: e.text,
        template: e.template,
        created_at: e.createdAt,
      })
      .execute();
  }

  async list(instanceId: string, q: { to?: string; limit: number; offset: number }): Promise<DevEmail[]> {
    let query = this.#db.selectFrom('dev_emails').selectAll().where('instance_id', '=', instanceId);
    if (q.to) query = query.where('to_address', '=', q.to);
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      instanceId: r.instance_id,
      to: r.to_address,
      from: r.from_address,
      subject: r.subject,
      html: r.html,
      text: r.text,
      template: r.template,
      createdAt: r.created_at,
    }));
  }
}
