/**
 * Email address rules:
 * - compared and stored lower-cased and trimmed, so `Ann@Example.com` and `ann@example.com` are one account;
 * - a pragmatic syntax check (one @, a dot in the domain, no spaces, at most 254 characters),
 *   because the real proof of an address is the code we send to it.
 */
export const normalizeEmail = (v: string): string => v.trim().toLowerCase();

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export const isValidEmail = (v: string): boolean => v.length <= 254 && EMAIL.test(v);

/** `ann@example.com` → `a***@example.com`, for places that must not reveal a full address. */
export const maskEmail = (v: string): string => {
  const at = v.indexOf('@');
  if (at <= 0) return '***';
  return `${v[0]}***${v.slice(at)}`;
};
