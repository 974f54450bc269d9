/**
 * Signs session tokens with each instance's active key and publishes its JWKS.
 *
 * - The decrypted active key is cached per node (TTL + invalidation), so minting a token costs
 *   one signature and no database read for the key.
 * - Rotation: the new key becomes active at once; the old one stays in the JWKS until every
 *   token it may have signed has expired: the longest token lifetime, plus the cache TTL (a node
 *   may sign with the old key until its cache expires), plus a clock-skew margin.
 */
import type { JWTPayload } from 'jose';
import type { Clock } from '../../domain/clock.ts';
import type { Instance } from '../../domain/instances/instance.ts';
import type { TokenSigner } from '../../domain/ports.ts';
import type { Random } from '../../domain/random.ts';
import type { PublicJwk, SigningKeyRecord, Store } from '../../domain/store.ts';
import type { InvalidationBus } from '../cache/invalidation-bus.ts';
import { TtlCache } from '../cache/ttl-cache.ts';
import {
  generateSigningKey,
  type LoadedSigningKey,
  loadSigningKey,
  type SigningAlgorithm,
  signJwt,
} from './signing-keys.ts';

export const KEY_CACHE_TTL_MS = 30_000;
const MAX_TOKEN_LIFETIME_MS = 3600_000;
const SKEW_MARGIN_MS = 5 * 60_000;

export interface KeyManagerDeps {
  store: Store;
  random: Random;
  clock: Clock;
  kek: Uint8Array;
  bus: InvalidationBus;
}

export class SigningKeyManager implements TokenSigner {
  readonly #deps: KeyManagerDeps;
  readonly #active: TtlCache<LoadedSigningKey>;
  readonly #published: TtlCache<SigningKeyRecord[]>;

  constructor(deps: KeyManagerDeps) {
    this.#deps = deps;
    this.#active = new TtlCache(KEY_CACHE_TTL_MS, deps.clock);
    this.#published = new TtlCache(KEY_CACHE_TTL_MS, deps.clock);
    deps.bus.subscribe((id) => this.#forget(id));
  }

  async sign(instance: Instance, claims: JWTPayload): Promise<string> {
    const key = await this.#active.get(instance.id, async () => {
      const record =
        (await this.#deps.store.signingKeys.findActive(instance.id)) ??
        (await this.#create(instance.id, instance.settings.sessions.signing_algorithm));
      return loadSigningKey(record, this.#deps.kek);
    });
    return signJwt(claims, key);
  }

  async jwks(instanceId: string): Promise<{ keys: PublicJwk[] }> {
    const records = await this.#published.get(instanceId, () =>
      this.#deps.store.signingKeys.listPublished(instanceId, this.#deps.clock.now()),
    );
    return { keys: records.map((r) => r.publicJwk) };
  }

  /** Creates the instance's first key. */
  async ensureKey(instanceId: string, alg: SigningAlgorithm): Promise<void> {
    if (!(await this.#deps.store.signingKeys.findActive(instanceId))) await this.#create(instanceId, alg);
  }

  async rotate(instanceId: string, alg: SigningAlgorithm): Promise<{ kid: string; retiredKid: string | null }> {
    const now = this.#deps.clock.now();
    const old = await this.#deps.store.signingKeys.findActive(instanceId);
    const record = await generateSigningKey(instanceId, alg, this.#deps.random, this.#deps.kek, now);
    await this.#deps.store.transaction(async (store) => {
      if (old)
        await store.signingKeys.retire(
          instanceId,
          old.kid,
          now,
          now + MAX_TOKEN_LIFETIME_MS + KEY_CACHE_TTL_MS + SKEW_MARGIN_MS,
        );
      await store.signingKeys.create(record);
    });
    await this.#deps.bus.publish(instanceId);
    this.#forget(instanceId);
    return { kid: record.kid, retiredKid: old?.kid ?? null };
  }

  async #create(instanceId: string, alg: SigningAlgorithm): Promise<SigningKeyRecord> {
    const record = await generateSigningKey(instanceId, alg, this.#deps.random, this.#deps.kek, this.#deps.clock.now());
    await this.#deps.store.signingKeys.create(record);
    this.#published.delete(instanceId);
    return record;
  }

  #forget(instanceId: string): void {
    this.#active.delete(instanceId);
    this.#published.delete(instanceId);
  }
}
