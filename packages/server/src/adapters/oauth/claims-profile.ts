/**
 * Maps the claims of an ID token or a UserInfo answer to a provider profile, by configurable
 * claim names (custom providers choose them; named OIDC providers use the standard ones).
 * An email counts as verified only when the provider says so with a boolean `true` (or the
 * string "true", which some providers send): silence is "unverified".
 */
import type { ProviderProfile } from '../../domain/external-accounts/external-account.ts';

export const DEFAULT_CLAIMS = {
  subject: 'sub',
  email: 'email',
  email_verified: 'email_verified',
  first_name: 'given_name',
  last_name: 'family_name',
  username: 'preferred_username',
  image_url: 'picture',
};

const text = (v: unknown, max = 512): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, max) : typeof v === 'number' ? String(v) : null;

export function claimsProfile(claims: Record<string, unknown>, names: typeof DEFAULT_CLAIMS): ProviderProfile | null {
  const subject = text(claims[names.subject], 255);
  if (subject === null) return null;
  const email = text(claims[names.email], 320)?.toLowerCase() ?? null;
  const verified = claims[names.email_verified];
  let firstName = text(claims[names.first_name], 100);
  let lastName = text(claims[names.last_name], 100);
  if (firstName === null && lastName === null && typeof claims.name === 'string') {
    [firstName, lastName] = splitName(claims.name);
  }
  return {
    providerUserId: subject,
    email,
    emailVerified: email !== null && (verified === true || verified === 'true'),
    firstName,
    lastName,
    username: text(claims[names.username], 64),
    imageUrl: httpsUrl(claims[names.image_url]),
  };
}

/** "Ada King Lovelace" → ["Ada", "King Lovelace"]. */
export function splitName(name: string): [string | null, string | null] {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return [null, null];
  return [parts[0]!.slice(0, 100), parts.length > 1 ? parts.slice(1).join(' ').slice(0, 100) : null];
}

/** Only http(s) URLs become avatars (a `javascript:` picture claim would end up in an `<img src>`). */
export const httpsUrl = (v: unknown): string | null =>
  typeof v === 'string' && /^https?:\/\//i.test(v) && v.length <= 2048 && URL.canParse(v) ? v : null;
