/**
 * Storage ports of what development instances keep instead of sending: the dev mailbox and the SMS outbox.
 * The conventions every port follows are in `domain/store.ts`.
 */

export interface DevEmail {
  id: string;
  instanceId: string;
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  template: string;
  createdAt: number;
}

/** Messages a development instance kept, listed newest first (creation order, then id), by recipient. */
export interface DevOutboxRepository<M extends { to: string }> {
  add(message: M): Promise<void>;
  list(instanceId: string, q: { to?: string; limit: number; offset: number }): Promise<M[]>;
}

export type DevMailboxRepository = DevOutboxRepository<DevEmail>;

/** A text message a development instance kept instead of sending. */
export interface DevSms {
  id: string;
  instanceId: string;
  to: string;
  body: string;
  template: string;
  createdAt: number;
}

export type DevSmsOutboxRepository = DevOutboxRepository<DevSms>;
