/**
 * Geo blocking: an instance refuses sign-ups, sign-ins and token minting from some countries
 * (`block`) or from all but some (`allow_only`). The country comes from the client address
 * the HTTP layer trusts (the socket peer, or `X-Forwarded-For` only behind a configured
 * proxy), never from anything the client says about itself. An address the database cannot
 * place follows `unknown`.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { InstanceSettings } from '../../config/instance-settings.ts';
import type { GeoLocator } from '../ports.ts';

export function geoBlockDecision(
  settings: InstanceSettings,
  country: string | null,
): { allowed: true } | { allowed: false; reason: 'country_blocked' | 'country_not_allowed' | 'country_unknown' } {
  const rule = settings.attack_protection.geo_blocking;
  if (rule.mode === 'off') return { allowed: true };
  if (country === null)
    return rule.unknown === 'allow' ? { allowed: true } : { allowed: false, reason: 'country_unknown' };
  const listed = rule.countries.includes(country);
  if (rule.mode === 'block') return listed ? { allowed: false, reason: 'country_blocked' } : { allowed: true };
  return listed ? { allowed: true } : { allowed: false, reason: 'country_not_allowed' };
}

/** Throws `geo_blocked` (403) when the instance refuses the address's country. */
export function assertLocationAllowed(geo: GeoLocator, settings: InstanceSettings, ip: string): void {
  if (settings.attack_protection.geo_blocking.mode === 'off') return;
  const country = geo.locate(ip)?.country ?? null;
  const decision = geoBlockDecision(settings, country);
  if (!decision.allowed) throw new GatehouseError('geo_blocked', { meta: { country, reason: decision.reason } });
}
