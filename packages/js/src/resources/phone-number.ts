/**
 * One of the user's phone numbers (E.164), with its verification. Adding and verifying a
 * number goes through `/v1/me/phone_numbers`: create, `prepareVerification` (texts a code),
 * `attemptVerification` (checks it); `setReservedForSecondFactor` and `makeDefaultSecondFactor`
 * set the second-factor flags; `destroy` removes the number.
 */
import type { PhoneNumberObject } from '@gatehouse/shared/wire';
import { meQuery, type ResourceCore } from '../core/core.ts';
import type { DeletedObject } from './email-address.ts';
import { Verification } from './verification.ts';

export class PhoneNumber {
  readonly id: string;
  /** E.164, e.g. `+14155550123`. */
  readonly phoneNumber: string;
  readonly reservedForSecondFactor: boolean;
  readonly defaultSecondFactor: boolean;
  readonly verification: Verification | null;
  readonly linkedTo: { type: string; id: string }[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly #core: ResourceCore;
  readonly #sessionId: string | null;

  constructor(core: ResourceCore, data: PhoneNumberObject, sessionId: string | null) {
    this.#core = core;
    this.#sessionId = sessionId;
    this.id = data.id;
    this.phoneNumber = data.phone_number;
    this.reservedForSecondFactor = data.reserved_for_second_factor;
    this.defaultSecondFactor = data.default_second_factor;
    this.verification = Verification.from(data.verification);
    this.linkedTo = data.linked_to;
    this.createdAt = new Date(data.created_at);
    this.updatedAt = new Date(data.updated_at);
  }

  get isVerified(): boolean {
    return this.verification?.status === 'verified';
  }

  #path(suffix = '') {
    return `/v1/me/phone_numbers/${encodeURIComponent(this.id)}${suffix}`;
  }

  async #call(method: 'POST' | 'PATCH', suffix: string, body: Record<string, unknown>): Promise<PhoneNumber> {
    const data = await this.#core.fetch<PhoneNumberObject>({
      method,
      path: this.#path(suffix),
      query: meQuery(this.#sessionId),
      body,
    });
    return new PhoneNumber(this.#core, data, this.#sessionId);
  }

  /** Texts a 6-digit verification code to this number. */
  prepareVerification(params: { strategy: 'phone_code' } = { strategy: 'phone_code' }): Promise<PhoneNumber> {
    return this.#call('POST', '/prepare_verification', { strategy: params.strategy });
  }

  /** Checks the code the user received. */
  attemptVerification(params: { code: string }): Promise<PhoneNumber> {
    return this.#call('POST', '/attempt_verification', { code: params.code });
  }

  setReservedForSecondFactor(params: { reserved: boolean }): Promise<PhoneNumber> {
    return this.#call('PATCH', '', { reserved_for_second_factor: params.reserved });
  }

  /** Makes this (verified) number the second factor tried first. */
  makeDefaultSecondFactor(): Promise<PhoneNumber> {
    return this.#call('PATCH', '', { default_second_factor: true });
  }

  destroy(): Promise<DeletedObject> {
    return this.#core.fetch<DeletedObject>({ method: 'DELETE', path: this.#path(), query: meQuery(this.#sessionId) });
  }

  toString(): string {
    return this.phoneNumber;
  }
}
