/**
 * Small readers for the JSON of providers' profile endpoints: every answer is `unknown` until
 * narrowed here; a missing account id is `oauth_provider_error` (`<what>_malformed`), a missing
 * optional field is null.
 */
import { GatehouseError } from '@gatehouse/shared';

type Json = Record<string, unknown>;

/** The object at `v`, or null. */
export const object = (v: unknown): Json | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null;

/** A trimmed, non-empty string (numbers as their decimal text) cut to `max`, or null. */
export const text = (v: unknown, max = 512): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, max) : typeof v === 'number' ? String(v) : null;

/** An email address as the profile keeps it (lowercased), or null. */
export const emailOf = (v: unknown): string | null => text(v, 320)?.toLowerCase() ?? null;

export const malformed = (provider: string, what: string) =>
  new GatehouseError('oauth_provider_error', { meta: { provider, reason: `${what}_malformed` } });

/** The account id at `v` (a string or a number), or `<what>_malformed`. */
export function accountId(provider: string, what: string, v: unknown): string {
  const id = text(v, 255);
  if (id === null) throw malformed(provider, what);
  return id;
}
