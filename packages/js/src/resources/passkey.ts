/**
 * A passkey of the signed-in user (Clerk's `PasskeyResource`): rename or remove it. New ones
 * come from `user.createPasskey()`, which runs the browser's WebAuthn ceremony.
 */
import type { PasskeyObject } from '@gatehouse/shared/wire';
import { startRegistration } from '@simplewebauthn/browser';
import { toDate } from '../core/case.ts';
import { meQuery, type ResourceCore } from '../core/core.ts';
import type { DeletedObject } from './identification.ts';
import { Verification } from './verification.ts';

export class Passkey {
  readonly id: string;
  readonly name: string;
  readonly lastUsedAt: Date | null;
  readonly verification: Verification | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly #core: ResourceCore;
  readonly #sessionId: string | null;

  constructor(core: ResourceCore, data: PasskeyObject, sessionId: string | null) {
    this.#core = core;
    this.#sessionId = sessionId;
    this.id = data.id;
    this.name = data.name;
    this.lastUsedAt = toDate(data.last_used_at);
    this.verification = Verification.from(data.verification);
    this.createdAt = new Date(data.created_at);
    this.updatedAt = new Date(data.updated_at);
  }

  #path = () => `/v1/me/passkeys/${encodeURIComponent(this.id)}`;

  /** @example await passkey.update({ name: 'Work laptop' }) */
  async update(params: { name: string }): Promise<Passkey> {
    const data = await this.#core.fetch<PasskeyObject>({
      method: 'PATCH',
      path: this.#path(),
      query: meQuery(this.#sessionId),
      body: { name: params.name },
    });
    return new Passkey(this.#core, data, this.#sessionId);
  }

  /** @example await passkey.delete() */
  delete(): Promise<DeletedObject> {
    return this.#core.fetch<DeletedObject>({ method: 'DELETE', path: this.#path(), query: meQuery(this.#sessionId) });
  }

  /**
   * Adds a passkey for the signed-in user: creation options from the server, the browser's
   * WebAuthn prompt, then the attestation back to the server.
   * @see User.createPasskey
   */
  static async create(core: ResourceCore, sessionId: string | null): Promise<Passkey> {
    const query = meQuery(sessionId);
    const pending = await core.fetch<PasskeyObject>({ method: 'POST', path: '/v1/me/passkeys', query });
    const nonce = pending.verification?.nonce;
    if (!nonce) throw new TypeError('The server sent no passkey creation options.');
    const credential = await startRegistration({ optionsJSON: JSON.parse(nonce) });
    const data = await core.fetch<PasskeyObject>({
      method: 'POST',
      path: `/v1/me/passkeys/${encodeURIComponent(pending.id)}/attempt_verification`,
      query,
      body: { strategy: 'passkey', public_key_credential: JSON.stringify(credential) },
    });
    return new Passkey(core, data, sessionId);
  }
}
