/**
 * What a user's email addresses and phone numbers share (Clerk calls them identifications):
 * an id, a verification, `/v1/me/<collection>/<id>` with `prepare_verification`,
 * `attempt_verification` and `DELETE`. Each kind adds its own value, its code strategy and
 * whatever else it has (a phone number's second-factor flags).
 */
import { meQuery, type ResourceCore } from '../core/core.ts';
import { Verification } from './verification.ts';

export interface DeletedObject {
  object: string;
  id: string;
  deleted: boolean;
}

interface IdentificationObject {
  id: string;
  verification: Parameters<typeof Verification.from>[0];
  linked_to: { type: string; id: string }[];
  created_at: number;
  updated_at: number;
}

type Make<Self, Wire> = (core: ResourceCore, data: Wire, sessionId: string | null) => Self;

export abstract class Identification<Self, Wire extends IdentificationObject> {
  readonly id: string;
  readonly verification: Verification | null;
  readonly linkedTo: { type: string; id: string }[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly #core: ResourceCore;
  readonly #sessionId: string | null;
  readonly #path: string;
  readonly #make: Make<Self, Wire>;

  protected constructor(
    core: ResourceCore,
    data: Wire,
    sessionId: string | null,
    collection: 'email_addresses' | 'phone_numbers',
    make: Make<Self, Wire>,
  ) {
    this.#core = core;
    this.#sessionId = sessionId;
    this.#path = `/v1/me/${collection}/${encodeURIComponent(data.id)}`;
    this.#make = make;
    this.id = data.id;
    this.verification = Verification.from(data.verification);
    this.linkedTo = data.linked_to;
    this.createdAt = new Date(data.created_at);
    this.updatedAt = new Date(data.updated_at);
  }

  get isVerified(): boolean {
    return this.verification?.status === 'verified';
  }

  /** Sends `body` to this identification (or one of its actions) and returns it as the server now has it. */
  protected async call(method: 'POST' | 'PATCH', suffix: string, body: Record<string, unknown>): Promise<Self> {
    const data = await this.#core.fetch<Wire>({
      method,
      path: this.#path + suffix,
      query: meQuery(this.#sessionId),
      body,
    });
    return this.#make(this.#core, data, this.#sessionId);
  }

  /** Checks the code the user received. */
  attemptVerification(params: { code: string }): Promise<Self> {
    return this.call('POST', '/attempt_verification', { code: params.code });
  }

  /** Removes it from the account (the last way to sign in cannot be removed). */
  destroy(): Promise<DeletedObject> {
    return this.#core.fetch<DeletedObject>({ method: 'DELETE', path: this.#path, query: meQuery(this.#sessionId) });
  }
}
