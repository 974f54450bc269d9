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

export function isAllowedOrigin(instance: Instance, origin: string): boolean {
  const normalized = originOf(origin);
  if (normalized === null) return false;
  if (normalized === originOf(instance.frontendApiUrl)) return true;
  if (instance.settings.allowed_origins.some((o) => originOf(o) === normalized)) return true;
  if (instance.environment === 'development') {
    const { hostname, protocol } = new URL(normalized);
    return (protocol === 'http:' || protocol === 'https:') && isLoopbackHost(hostname);
  }
  return false;
}
