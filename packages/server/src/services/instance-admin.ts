/**
 * Creating and configuring instances: the instance row, its first signing key and first secret
 * key; settings patches (validated against the schema, stored as overrides); secret keys;
 * signing-key rotation. Used by the CLI, first start, and the Backend API.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { SigningKeyManager } from '../adapters/signing/key-manager.ts';
import { deepMerge, type InstanceSettings, resolveSettings } from '../config/instance-settings.ts';
import type { Clock } from '../domain/clock.ts';
import type { Environment } from '../domain/instances/instance.ts';
import { encodePublishableKey } from '../domain/instances/publishable-key.ts';
import { generateSecretKey, type SecretKey } from '../domain/instances/secret-key.ts';
import type { Random } from '../domain/random.ts';
import type { Store, StoredInstance } from '../domain/store.ts';
import type { InstanceRegistry } from './instance-registry.ts';

export interface InstanceAdminDeps {
  store: Store;
  random: Random;
  clock: Clock;
  keys: SigningKeyManager;
  registry: InstanceRegistry;
}

export interface InstanceKeys {
  instance_id: string;
  name: string;
  environment: Environment;
  publishable_key: string;
  frontend_api_url: string;
}

export const describeInstance = (i: StoredInstance): InstanceKeys => ({
  instance_id: i.id,
  name: i.name,
  environment: i.environment,
  publishable_key: encodePublishableKey(i.environment, i.frontendApiHost),
  frontend_api_url: i.frontendApiUrl,
});

export function parseFrontendApiUrl(url: string): { url: string; host: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new TypeError(`frontend API URL is not a URL: ${url}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new TypeError('frontend API URL must be http or https');
  return { url: u.origin, host: u.host };
}

export async function createInstance(
  deps: InstanceAdminDeps,
  input: { name: string; environment: Environment; frontendApiUrl: string; settings?: Record<string, unknown> },
): Promise<{ instance: StoredInstance; secretKey: string }> {
  const { url, host } = parseFrontendApiUrl(input.frontendApiUrl);
  const overrides = input.settings ?? {};
  const resolved = resolveSettings(overrides);
  if (!resolved.ok) throw new TypeError(`invalid settings: ${JSON.stringify(resolved.problems)}`);
  if (await deps.store.instances.findByHost(host)) throw new TypeError(`an instance already serves ${host}`);
  const now = deps.clock.now();
  const instance: StoredInstance = {
    id: deps.random.id('ins'),
    name: input.name,
    environment: input.environment,
    frontendApiUrl: url,
    frontendApiHost: host,
    settings: resolved.settings,
    settingsOverrides: overrides,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.instances.create(instance);
  await deps.keys.ensureKey(instance.id, resolved.settings.sessions.signing_algorithm);
  const { key } = await createSecretKey(deps, instance, 'default');
  await deps.registry.changed(instance.id);
  return { instance, secretKey: key };
}

export async function createSecretKey(
  deps: Pick<InstanceAdminDeps, 'store' | 'random' | 'clock'>,
  instance: StoredInstance,
  name: string,
): Promise<{ key: string; record: SecretKey }> {
  const { key, hash, last4 } = generateSecretKey(deps.random, instance.environment);
  const record: SecretKey = {
    id: deps.random.id('sk'),
    instanceId: instance.id,
    name,
    last4,
    createdAt: deps.clock.now(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await deps.store.secretKeys.create(record, hash);
  return { key, record };
}

export async function revokeSecretKey(
  deps: InstanceAdminDeps,
  instance: StoredInstance,
  id: string,
): Promise<SecretKey> {
  const keys = await deps.store.secretKeys.list(instance.id);
  const target = keys.find((k) => k.id === id);
  if (!target || target.revokedAt !== null) throw new GatehouseError('secret_key_not_found');
  if (keys.filter((k) => k.revokedAt === null).length === 1) throw new GatehouseError('secret_key_last_active');
  const now = deps.clock.now();
  await deps.store.secretKeys.revoke(instance.id, id, now);
  await deps.registry.changed(instance.id);
  return { ...target, revokedAt: now };
}

/** Applies a deep-partial settings patch; `null` at a key resets it to its default. */
export async function patchSettings(
  deps: InstanceAdminDeps,
  instance: StoredInstance,
  patch: Record<string, unknown>,
): Promise<InstanceSettings> {
  const overrides = stripNulls(deepMerge(instance.settingsOverrides, patch)) as Record<string, unknown>;
  const resolved = resolveSettings(overrides);
  if (!resolved.ok)
    throw new GatehouseError('instance_settings_invalid', {
      longMessage: resolved.problems.map((p) => `${p.path}: ${p.message}`).join('; '),
      meta: { problems: resolved.problems },
    });
  await deps.store.instances.updateSettings(instance.id, overrides, deps.clock.now());
  if (resolved.settings.sessions.signing_algorithm !== instance.settings.sessions.signing_algorithm)
    await deps.keys.rotate(instance.id, resolved.settings.sessions.signing_algorithm);
  await deps.registry.changed(instance.id);
  return resolved.settings;
}

function stripNulls(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = stripNulls(x);
  return out;
}
