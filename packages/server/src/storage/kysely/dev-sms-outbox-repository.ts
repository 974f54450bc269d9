import type { Kysely } from 'kysely';
import type { DevSms, DevSmsOutboxRepository } from '../../domain/store.ts';
import type { Database } from '../schema.ts';

export class KyselyDevSmsOutboxRepository implements DevSmsOutboxRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async add(m: DevSms): Promise<void> {
    await this.#db
      .insertInto('dev_sms')
      .values({
        id: m.id,
        instance_id: m.instanceId,
        to_number: m.to,
        body: m.body,
        template: m.template,
        created_at: m.createdAt,
      })
      .execute();
  }

  async list(instanceId: string, q: { to?: string; limit: number; offset: number }): Promise<DevSms[]> {
    let query = this.#db.selectFrom('dev_sms').selectAll().where('instance_id', '=', instanceId);
    if (q.to) query = query.where('to_number', '=', q.to);
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      instanceId: r.instance_id,
      to: r.to_number,
      body: r.body,
      template: r.template,
      createdAt: Number(r.created_at),
    }));
  }
}
