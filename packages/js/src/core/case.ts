/** snake_case keys to camelCase, for the free-form parts of the wire (error meta). */
const camel = (k: string): string => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Camelizes the keys of a plain object, recursively through objects and arrays. */
export function camelizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelizeKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[camel(k)] = camelizeKeys(v);
  return out;
}

/** A wire timestamp (milliseconds) as a Date, or null. */
export const toDate = (ms: number | null | undefined): Date | null => (typeof ms === 'number' ? new Date(ms) : null);
