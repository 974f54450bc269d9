/**
 * One of the user's email addresses, with its verification. Adding and verifying an address
 * goes through `/v1/me/email_addresses`: create, `prepareVerification` (sends a code),
 * `attemptVerification` (checks it); `destroy` removes a non-primary address.
 */
import type { EmailAddressObject } from '@gatehouse/shared/wire';
import type { ResourceCore } from '../core/core.ts';
import { Identification } from './identification.ts';

export type { DeletedObject } from './identification.ts';

export class EmailAddress extends Identification<EmailAddress, EmailAddressObject> {
  readonly emailAddress: string;

  constructor(core: ResourceCore, data: EmailAddressObject, sessionId: string | null) {
    super(core, data, sessionId, 'email_addresses', (c, d, s) => new EmailAddress(c, d, s));
    this.emailAddress = data.email_address;
  }

  /** Sends a verification code to this address. */
  prepareVerification(params: { strategy: 'email_code' } = { strategy: 'email_code' }): Promise<EmailAddress> {
    return this.call('POST', '/prepare_verification', { strategy: params.strategy });
  }

  override toString(): string {
    return this.emailAddress;
  }
}
