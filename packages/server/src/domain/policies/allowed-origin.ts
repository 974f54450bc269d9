/**
 * Which browser origins may call an instance's Frontend API with credentials and be named in a
 * session token's `azp`:
 * - the Frontend API's own origin;
 * - every origin in the instance's `allowed_origins`;
 * - on development instances, any origin on a loopback host (`localhost`, `*.localhost`,
 *   `127.0.0.1`, `[::1]`), whatever the port, so local apps work without configuration.
 * Comparison is on the serialized origin (scheme, host and port), never on a prefix.
 */
import type { Instance } from '../instances/instance.ts';

const originOf = (url: string): string | null => {
  try {
    const o = new URL(url).origin;
    return o === 'null' ? null : o;
  } catch {
    return null;
  }
};

export const isLoopbackHost = (hostname: string): boolean =>
  hostname === 'localhost' ||
  hostname.endsWith('.localhost') ||
  hostname === '127.0.0.1' ||
  hostname === '[::1]' ||
  hostname === '::1';

/** An instance's origin rules, parsed once per instance object (instances are never mutated). */
interface OriginPolicy {
  own: string | null;
  configured: Set<string>;
  development: boolean;
  /** Answers for origins seen before, keyed by the raw Origin header; bounded (see DECIDED_MAX). */
  decided: Map<string, boolean>;
}

/** Distinct origins remembered per instance; past that the memory starts over (a flood of made-up origins costs only parsing). */
const DECIDED_MAX = 256;

const policies = new WeakMap<Instance, OriginPolicy>();

function policyOf(instance: Instance): OriginPolicy {
  let policy = policies.get(instance);
  if (!policy) {
    const configured = new Set<string>();
    for (const o of instance.settings.allowed_origins) {
      const normalized = originOf(o);
      if (normalized !== null) configured.add(normalized);
    }
    policy = {
      own: originOf(instance.frontendApiUrl),
      configured,
      development: instance.environment === 'development',
      decided: new Map(),
    };
    policies.set(instance, policy);
  }
  return policy;
}

function decide(policy: OriginPolicy, origin: string): boolean {
  const normalized = originOf(origin);
  if (normalized === null) return false;
  if (normalized === policy.own || policy.configured.has(normalized)) return true;
  if (policy.development) {
    const { hostname, protocol } = new URL(normalized);
    return (protocol === 'http:' || protocol === 'https:') && isLoopbackHost(hostname);
  }
  return false;
}

/**
 * The instance's answer for one Origin header. The parsed rules and the answers live as long as
 * the instance object: a settings change loads a new one, so no answer outlives the rules.
 */
export function isAllowedOrigin(instance: Instance, origin: string): boolean {
  const policy = policyOf(instance);
  const known = policy.decided.get(origin);
  if (known !== undefined) return known;
  const allowed = decide(policy, origin);
  if (policy.decided.size >= DECIDED_MAX) policy.decided.clear();
  policy.decided.set(origin, allowed);
  return allowed;
}
