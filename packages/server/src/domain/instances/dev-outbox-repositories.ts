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

export interface DevMailboxRepository {
  add(e: DevEmail): Promise<void>;
  list(instanceId: string, q: { to?: string; limit: number; offset: number }): Promise<DevEmail[]>;
}

/** A text message a development instance kept instead of sending. */
export interface DevSms {
  id: string;
  instanceId: string;
  to: string;
  body: string;
  template: string;
  createdAt: number;
}

export interface DevSmsOutboxRepository {
  add(m: DevSms): Promise<void>;
  list(instanceId: string, q: { to?: string; limit: number; offset: number }): Promise<DevSms[]>;
}
