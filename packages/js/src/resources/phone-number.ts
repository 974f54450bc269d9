/**
 * One of the user's phone numbers (E.164), with its verification. Adding and verifying a
 * number goes through `/v1/me/phone_numbers`: create, `prepareVerification` (texts a code),
 * `attemptVerification` (checks it); `setReservedForSecondFactor` and `makeDefaultSecondFactor`
 * set the second-factor flags; `destroy` removes the number.
 */
import type { PhoneNumberObject } from '@gatehouse/shared/wire';
import type { ResourceCore } from '../core/core.ts';
import { Identification } from './identification.ts';

export class PhoneNumber extends Identification<PhoneNumber, PhoneNumberObject> {
  /** E.164, e.g. `+14155550123`. */
  readonly phoneNumber: string;
  readonly reservedForSecondFactor: boolean;
  readonly defaultSecondFactor: boolean;

  constructor(core: ResourceCore, data: PhoneNumberObject, sessionId: string | null) {
    super(core, data, sessionId, 'phone_numbers', (c, d, s) => new PhoneNumber(c, d, s));
    this.phoneNumber = data.phone_number;
    this.reservedForSecondFactor = data.reserved_for_second_factor;
    this.defaultSecondFactor = data.default_second_factor;
  }

  /** Texts a 6-digit verification code to this number. */
  prepareVerification(params: { strategy: 'phone_code' } = { strategy: 'phone_code' }): Promise<PhoneNumber> {
    return this.call('POST', '/prepare_verification', { strategy: params.strategy });
  }

  setReservedForSecondFactor(params: { reserved: boolean }): Promise<PhoneNumber> {
    return this.call('PATCH', '', { reserved_for_second_factor: params.reserved });
  }

  /** Makes this (verified) number the second factor tried first. */
  makeDefaultSecondFactor(): Promise<PhoneNumber> {
    return this.call('PATCH', '', { default_second_factor: true });
  }

  override toString(): string {
    return this.phoneNumber;
  }
}
