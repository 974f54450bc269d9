import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../config/instance-settings.ts';
import { geoBlockDecision } from './geo-blocking.ts';

const settings = (geo_blocking: Record<string, unknown>) => {
  const r = resolveSettings({ attack_protection: { geo_blocking } });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.settings;
};

describe('geoBlockDecision', () => {
  it('allows everything when off, whatever the list', () => {
    const s = settings({ mode: 'off', countries: ['DE'], unknown: 'block' });
    expect(geoBlockDecision(s, 'DE')).toEqual({ allowed: true });
    expect(geoBlockDecision(s, null)).toEqual({ allowed: true });
  });

  it('block: refuses listed countries only', () => {
    const s = settings({ mode: 'block', countries: ['DE', 'RU'] });
    expect(geoBlockDecision(s, 'RU')).toEqual({ allowed: false, reason: 'country_blocked' });
    expect(geoBlockDecision(s, 'FR')).toEqual({ allowed: true });
  });

  it('allow_only: refuses every country not listed', () => {
    const s = settings({ mode: 'allow_only', countries: ['FR'] });
    expect(geoBlockDecision(s, 'FR')).toEqual({ allowed: true });
    expect(geoBlockDecision(s, 'US')).toEqual({ allowed: false, reason: 'country_not_allowed' });
  });

  it('follows `unknown` for an address without a country, in both modes', () => {
    for (const mode of ['block', 'allow_only']) {
      expect(geoBlockDecision(settings({ mode, countries: ['FR'] }), null)).toEqual({ allowed: true });
      expect(geoBlockDecision(settings({ mode, countries: ['FR'], unknown: 'block' }), null)).toEqual({
        allowed: false,
        reason: 'country_unknown',
      });
    }
  });

  it('refuses settings whose countries are not alpha-2 codes', () => {
    expect(resolveSettings({ attack_protection: { geo_blocking: { countries: ['de'] } } }).ok).toBe(false);
    expect(resolveSettings({ attack_protection: { geo_blocking: { countries: ['DEU'] } } }).ok).toBe(false);
  });
});
