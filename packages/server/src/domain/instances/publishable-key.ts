/**
 * Publishable keys in Clerk's format: `pk_test_` (development) or `pk_live_` (production),
 * then base64 of `<frontend api host>$`. The key is public; it only tells a client where
 * its Frontend API lives.
 */
import type { Environment } from './instance.ts';

export const encodePublishableKey = (environment: Environment, frontendApiHost: string): string =>
  `${environment === 'production' ? 'pk_live_' : 'pk_test_'}${Buffer.from(`${frontendApiHost}$`).toString('base64')}`;

export function decodePublishableKey(key: string): { environment: Environment; frontendApiHost: string } | null {
  const m = /^pk_(test|live)_([A-Za-z0-9+/=]+)$/.exec(key);
  if (!m) return null;
  const decoded = Buffer.from(m[2]!, 'base64').toString('utf8');
  if (!decoded.endsWith('$') || decoded.length < 2) return null;
  return { environment: m[1] === 'live' ? 'production' : 'development', frontendApiHost: decoded.slice(0, -1) };
}
