/**
 * Phone number rules:
 * - numbers are stored and compared in E.164 (`+14155550123`), parsed by libphonenumber-js
 *   with its full metadata, so a number must be dialable in its country's numbering plan,
 *   not merely the right length;
 * - input must be international (a leading `+` and country code): there is no default
 *   country to guess from, and a guess would send codes to someone else's number;
 * - which countries may receive codes is the instance's `sms.allowed_countries`.
 */
import { GatehouseError } from '@gatehouse/shared';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { InstanceSettings } from '../../config/instance-settings.ts';

export interface ParsedPhoneNumber {
  /** E.164. */
  e164: string;
  /** ISO 3166-1 alpha-2, e.g. `US`. */
  country: string;
}

/** The number in E.164 with its country, or null when it is not a valid international number. */
export function parsePhoneNumber(raw: string): ParsedPhoneNumber | null {
  const input = raw.trim();
  if (!input.startsWith('+') || input.length > 40) return null;
  const parsed = parsePhoneNumberFromString(input);
  if (!parsed?.country || !parsed.isValid()) return null;
  return { e164: parsed.number, country: parsed.country };
}

/** Parses or throws `form_param_format_invalid` on `paramName` (Clerk's answer to a bad number). */
export function requirePhoneNumber(raw: string, paramName = 'phone_number'): ParsedPhoneNumber {
  const parsed = parsePhoneNumber(raw);
  if (!parsed)
    throw new GatehouseError('form_param_format_invalid', {
      longMessage: `${paramName} must be a valid phone number in international format, e.g. +14155550123.`,
      meta: { param_name: paramName },
    });
  return parsed;
}

export const isSmsCountryAllowed = (settings: Pick<InstanceSettings, 'sms'>, country: string): boolean =>
  settings.sms.allowed_countries.includes(country);

/** `+14155550123` → `+1415***0123`, for logs. */
export const maskPhoneNumber = (e164: string): string =>
  e164.length <= 8 ? '***' : `${e164.slice(0, 5)}***${e164.slice(-4)}`;
