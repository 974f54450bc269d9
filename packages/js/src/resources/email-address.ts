/**
 * One of the user's email addresses, with its verification. Adding and verifying an address
 * goes through `/v1/me/email_addresses`: create, `prepareVerification` (sends a code),
 * `attemptVerification` (checks it); `destroy` removes a non-primary address.
 */
import type { EmailAddressObject } from '@gatehouse/shared/wire';
import { meQuery, type ResourceCore } from '../core/core.ts';
import { Verification } from './verification.ts';

export interface DeletedObject {
  object: string;
  id: string;
  deleted: boolean;
}

export class EmailAddress {
  readonly id: string;
  readonly emailAddress: string;
  readonly verification: Verification | null;
  readonly linkedTo: { type: string; id: string }[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly #core: ResourceCore;
  readonly #sessionId: string | null;

  constructor(core: ResourceCore, data: EmailAddressObject, sessionId: string | null) {
    this.#core = core;
    this.#sessionId = sessionId;
    this.id = data.id;
    this.emailAddress = data.email_address;
    this.verification = Verification.from(data.verification);
    this.linkedTo = data.linked_to;
    this.createdAt = new Date(data.created_at);
    this.updatedAt = new Date(data.updated_at);
  }

  get isVerified(): boolean {
    return this.verification?.status === 'verified';
  }

  #path(suffix = '') {
    return `/v1/me/email_addresses/${encodeURIComponent(this.id)}${suffix}`;
  }

  /** Sends a verification code to this address. */
  async prepareVerification(params: { strategy: 'email_code' } = { strategy: 'email_code' }): Promise<EmailAddress> {
    const data = await this.#core.fetch<EmailAddressObject>({
      method: 'POST',
      path: this.#path('/prepare_verification'),
      query: meQuery(this.#sessionId),
      body: { strategy: params.strategy },
    });
    return new EmailAddress(this.#core, data, this.#sessionId);
  }

  /** Checks the code the user received. */
  async attemptVerification(params: { code: string }): Promise<EmailAddress> {
    const data = await this.#core.fetch<EmailAddressObject>({
      method: 'POST',
      path: this.#path('/attempt_verification'),
      query: meQuery(this.#sessionId),
      body: { code: params.code },
    });
    return new EmailAddress(this.#core, data, this.#sessionId);
  }

  destroy(): Promise<DeletedObject> {
    return this.#core.fetch<DeletedObject>({ method: 'DELETE', path: this.#path(), query: meQuery(this.#sessionId) });
  }

  toString(): string {
    return this.emailAddress;
  }
}
