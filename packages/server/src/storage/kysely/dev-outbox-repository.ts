/**
 * The dev mailbox (`dev_emails`) and the dev SMS outbox (`dev_sms`) are one shape: messages a
 * development instance kept instead of sending, listed newest first (creation order, then id,
 * so two in one millisecond keep their order) and filtered by recipient. Each is its table, its
 * recipient column and the mapping of its other columns.
 */
import type { Kysely } from 'kysely';
import type { DevEmail, DevOutboxRepository, DevSms } from '../../domain/store.ts';
import type { Database } from '../schema.ts';

interface OutboxMessage {
  id: string;
  instanceId: string;
  to: string;
  createdAt: number;
}

type Row = Record<string, unknown>;

interface OutboxTable<M> {
  table: 'dev_emails' | 'dev_sms';
  recipientColumn: string;
  /** The columns other than id, instance, recipient and time. */
  toRow(message: M): Row;
  fromRow(row: Row): Omit<M, keyof OutboxMessage>;
}

function outbox<M extends OutboxMessage>(db: Kysely<Database>, t: OutboxTable<M>): DevOutboxRepository<M> {
  // One generic table shape for both: the column names come from `t`, checked by the migrations' tests.
  const any = db as unknown as Kysely<Record<string, Row>>;
  return {
    async add(m) {
      await any
        .insertInto(t.table)
        .values({
          id: m.id,
          instance_id: m.instanceId,
          [t.recipientColumn]: m.to,
          created_at: m.createdAt,
          ...t.toRow(m),
        })
        .execute();
    },
    async list(instanceId, q) {
      let query = any.selectFrom(t.table).selectAll().where('instance_id', '=', instanceId);
      if (q.to) query = query.where(t.recipientColumn, '=', q.to);
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(q.limit)
        .offset(q.offset)
        .execute();
      return rows.map(
        (r) =>
          ({
            id: r.id as string,
            instanceId: r.instance_id as string,
            to: r[t.recipientColumn] as string,
            createdAt: Number(r.created_at),
            ...t.fromRow(r),
          }) as M,
      );
    },
  };
}

export const devMailboxRepository = (db: Kysely<Database>): DevOutboxRepository<DevEmail> =>
  outbox<DevEmail>(db, {
    table: 'dev_emails',
    recipientColumn: 'to_address',
    toRow: (e) => ({ from_address: e.from, subject: e.subject, html: e.html, text: e.text, template: e.template }),
    fromRow: (r) => ({
      from: r.from_address as string,
      subject: r.subject as string,
      html: r.html as string,
      text: r.text as string,
      template: r.template as string,
    }),
  });

export const devSmsOutboxRepository = (db: Kysely<Database>): DevOutboxRepository<DevSms> =>
  outbox<DevSms>(db, {
    table: 'dev_sms',
    recipientColumn: 'to_number',
    toRow: (m) => ({ body: m.body, template: m.template }),
    fromRow: (r) => ({ body: r.body as string, template: r.template as string }),
  });
