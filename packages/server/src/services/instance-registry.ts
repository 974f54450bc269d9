/**
 * Finds instances for requests, with a per-node cache:
 * - Frontend API requests by their Host header (the host in the publishable key); when the
 *   deployment has exactly one instance, it serves every host, so `localhost`, `127.0.0.1` and
 *   a LAN address all work on a laptop;
 * - Backend API requests by their secret key.
 * Entries expire after a few seconds and are dropped at once on a change (invalidation bus).
 */
import { GatehouseError } from '@gatehouse/shared';
import type { InvalidationBus } from '../adapters/cache/invalidation-bus.ts';
import { TtlCache } from '../adapters/cache/ttl-cache.ts';
import type { Clock } from '../domain/clock.ts';
import { hashToken } from '../domain/secrets.ts';
import type { Store, StoredInstance } from '../domain/store.ts';

export const INSTANCE_CACHE_TTL_MS = 5_000;

export class InstanceRegistry {
  readonly #store: Store;
  readonly #bus: InvalidationBus;
  readonly #byId: TtlCache<StoredInstance | null>;
  readonly #byHost: TtlCache<string | null>;
  readonly #bySecret: TtlCache<{ instanceId: string; keyId: string } | null>;
  readonly #all: TtlCache<string[]>;

  constructor(store: Store, clock: Clock, bus: InvalidationBus) {
    this.#store = store;
    this.#bus = bus;
    this.#byId = new TtlCache(INSTANCE_CACHE_TTL_MS, clock);
    this.#byHost = new TtlCache(INSTANCE_CACHE_TTL_MS, clock);
    this.#bySecret = new TtlCache(INSTANCE_CACHE_TTL_MS, clock);
    this.#all = new TtlCache(INSTANCE_CACHE_TTL_MS, clock);
    bus.subscribe((id) => this.#forget(id));
  }

  byId(id: string): Promise<StoredInstance | null> {
    return this.#byId.get(id, () => this.#store.instances.findById(id));
  }

  async byHost(host: string): Promise<StoredInstance> {
    let id = await this.#byHost.get(host, async () => (await this.#store.instances.findByHost(host))?.id ?? null);
    if (id === null) {
      const all = await this.#all.get('all', async () => (await this.#store.instances.list()).map((i) => i.id));
      if (all.length === 1) id = all[0]!;
    }
    const instance = id === null ? null : await this.byId(id);
    if (!instance) throw new GatehouseError('instance_not_found', { meta: { host } });
    return instance;
  }

  /** The instance a secret key belongs to; `secret_key_invalid` for unknown or revoked keys. */
  async bySecretKey(secretKey: string): Promise<{ instance: StoredInstance; keyId: string }> {
    const hash = hashToken(secretKey);
    const found = await this.#bySecret.get(hash, async () => {
      const k = await this.#store.secretKeys.findActiveByHash(hash);
      return k ? { instanceId: k.instanceId, keyId: k.id } : null;
    });
    const instance = found ? await this.byId(found.instanceId) : null;
    if (!found || !instance) throw new GatehouseError('secret_key_invalid');
    return { instance, keyId: found.keyId };
  }

  /** Announces a change to every node (this one included). */
  async changed(instanceId: string): Promise<void> {
    this.#forget(instanceId);
    await this.#bus.publish(instanceId);
  }

  #forget(instanceId: string): void {
    this.#byId.delete(instanceId);
    this.#byHost.clear();
    this.#all.clear();
    // Secret keys are few and revocation must bite at once: drop them all.
    this.#bySecret.clear();
  }
}
