/**
 * The client (browser) behind one request: the one its token named, or none yet.
 *
 * Flows call `ensure()` when they need a client (the first sign-in or sign-up creates it) and
 * `rotate()` when the session set changes. Either leaves the new raw token in `issuedToken`,
 * which the HTTP layer puts in the `__client` cookie (or the `Authorization` response header
 * for native apps) once the request has succeeded.
 */
import type { Deps } from '../deps.ts';
import type { Instance } from '../instances/instance.ts';
import { hashToken } from '../secrets.ts';
import type { Store } from '../store.ts';
import { type Client, formatClientToken } from './client.ts';

export class RequestClient {
  readonly #deps: Pick<Deps, 'random' | 'clock' | 'store'>;
  readonly #instance: Instance;
  #client: Client | null;
  issuedToken: string | null = null;

  constructor(deps: Pick<Deps, 'random' | 'clock' | 'store'>, instance: Instance, client: Client | null) {
    this.#deps = deps;
    this.#instance = instance;
    this.#client = client;
  }

  get current(): Client | null {
    return this.#client;
  }

  async ensure(store: Store = this.#deps.store): Promise<Client> {
    if (this.#client) return this.#client;
    const now = this.#deps.clock.now();
    const id = this.#deps.random.id('client');
    const token = formatClientToken(id, this.#deps.random.token());
    const client: Client = {
      id,
      instanceId: this.#instance.id,
      tokenHash: hashToken(token),
      lastActiveSessionId: null,
      signInId: null,
      signUpId: null,
      createdAt: now,
      updatedAt: now,
    };
    await store.clients.create(client);
    this.#client = client;
    this.issuedToken = token;
    return client;
  }

  /** Replaces the client's token and applies `patch`; the old token stops working at once. */
  async rotate(
    store: Store,
    patch: Partial<Pick<Client, 'lastActiveSessionId' | 'signInId' | 'signUpId'>> = {},
  ): Promise<Client> {
    const client = await this.ensure(store);
    const now = this.#deps.clock.now();
    const token = formatClientToken(client.id, this.#deps.random.token());
    const tokenHash = hashToken(token);
    await store.clients.update(client.instanceId, client.id, { tokenHash, ...patch }, now);
    this.#client = { ...client, ...patch, tokenHash, updatedAt: now };
    this.issuedToken = token;
    return this.#client;
  }

  /** Updates the client without rotating its token. */
  async update(
    store: Store,
    patch: Partial<Pick<Client, 'lastActiveSessionId' | 'signInId' | 'signUpId'>>,
  ): Promise<Client> {
    const client = await this.ensure(store);
    const now = this.#deps.clock.now();
    await store.clients.update(client.instanceId, client.id, patch, now);
    this.#client = { ...client, ...patch, updatedAt: now };
    return this.#client;
  }
}
