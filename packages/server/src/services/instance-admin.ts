/**
 * Creating and configuring instances: the instance row, its first signing key and first secret
 * key; settings patches (validated against the schema, stored as overrides); secret keys;
 * signing-key rotation. Used by the CLI, first start, and the Backend API.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { SigningKeyManager } from '../adapters/signing/key-manager.ts';
import {
  deepMerge,
  dropMaskedWriteOnly,
  type InstanceSettings,
  resolveSettings,
  type SettingsProblem,
} from '../config/instance-settings.ts';
import type { Clock } from '../domain/clock.ts';
import type { OAuthGateway } from '../domain/external-accounts/oauth-gateway.ts';
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
  oauth: OAuthGateway;
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
  const overrides = stripNulls(deepMerge(instance.settingsOverrides, dropMaskedWriteOnly(patch))) as Record<
    string,
    unknown
  >;
  const resolved = resolveSettings(overrides);
  const problems = resolved.ok ? socialProblems(deps, { ...instance, settings: resolved.settings }) : resolved.problems;
  if (!resolved.ok || problems.length > 0)
    throw new GatehouseError('instance_settings_invalid', {
      longMessage: problems.map((p) => `${p.path}: ${p.message}`).join('; '),
      meta: { problems },
    });
  await deps.store.instances.updateSettings(instance.id, overrides, deps.clock.now());
  if (resolved.settings.sessions.signing_algorithm !== instance.settings.sessions.signing_algorithm)
    await deps.keys.rotate(instance.id, resolved.settings.sessions.signing_algorithm);
  await deps.registry.changed(instance.id);
  return resolved.settings;
}

/**
 * Every enabled social provider must be usable: supported, and with credentials (a production
 * instance its own; a development one may lean on the deployment's development credentials).
 */
function socialProblems(deps: Pick<InstanceAdminDeps, 'oauth'>, instance: StoredInstance): SettingsProblem[] {
  const { social } = instance.settings;
  const enabled = [
    ...Object.entries(social.providers)
      .filter(([, p]) => p.enabled)
      .map(([id]) => ({ strategy: `oauth_${id}`, path: `/social/providers/${id}` })),
    ...Object.entries(social.custom)
      .filter(([, p]) => p.enabled)
      .map(([name]) => ({ strategy: `oauth_custom_${name}`, path: `/social/custom/${name}` })),
  ];
  const problems: SettingsProblem[] = [];
  for (const { strategy, path } of enabled) {
    try {
      deps.oauth.assertAvailable(instance, strategy);
    } catch (e) {
      const reason = e instanceof GatehouseError ? String(e.meta.reason ?? e.code) : 'invalid';
      problems.push({ path, message: PROVIDER_PROBLEMS[reason] ?? reason });
    }
  }
  return problems;
}

const PROVIDER_PROBLEMS: Record<string, string> = {
  credentials_missing: 'enabled without client_id and client_secret (production instances need their own)',
  endpoints_missing: 'needs discovery_url, or authorization_url, token_url and jwks_url or userinfo_url',
  endpoint_not_https: 'its URLs must be https (plain http only to localhost)',
};

function stripNulls(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = stripNulls(x);
  return out;
}
