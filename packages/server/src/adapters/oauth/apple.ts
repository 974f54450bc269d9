/**
 * Sign in with Apple, OpenID Connect as Apple speaks it (endpoints configured by hand, as Apple
 * documents them):
 * - scopes `name email`, which Apple only grants with `response_mode=form_post`: the answer
 *   comes back as a cross-site POST (see `http/frontend-api/oauth-callback.ts` for how the
 *   browser's cookie still reaches the callback);
 * - the client secret is minted from the team's key (`apple-client-secret.ts`), sent in the
 *   body (`client_secret_post`, the one method Apple takes);
 * - the ID token (RS256, Apple's JWKS) holds `sub`, `email`, `email_verified` (a boolean or the
 *   string "true") and `is_private_email` (a private relay address, verified like any other);
 * - the person's name is in no token: Apple posts it once, on the first authorization only, as
 *   the `user` JSON field of the callback. It is read (bounded, by the schema below) only for
 *   the names; the email is always the signed one of the ID token.
 * @see https://developer.apple.com/documentation/signinwithapplerestapi
 */
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import type { ProviderProfile } from '../../domain/external-accounts/external-account.ts';
import type { ClientSecretJwt } from './apple-client-secret.ts';
import { claimsProfile, DEFAULT_CLAIMS } from './claims-profile.ts';
import type { OidcSpec } from './provider-spec.ts';

export const APPLE_ID_HOST = 'https://appleid.apple.com';

export type AppleKey = Omit<ClientSecretJwt, 'audience'>;

/** The Apple provider at Apple (or the deployment's base URL); `key` mints the client secret, else the configured one is used. */
export function appleSpec(baseUrl: string | undefined, key: AppleKey | null): OidcSpec {
  const issuer = baseUrl ?? APPLE_ID_HOST;
  return {
    kind: 'oidc',
    issuer,
    metadata: {
      authorization_endpoint: `${issuer}/auth/authorize`,
      token_endpoint: `${issuer}/auth/token`,
      jwks_uri: `${issuer}/auth/keys`,
    },
    scopes: ['name', 'email'],
    accountSelector: {},
    pkce: true,
    claims: DEFAULT_CLAIMS,
    authorizationParams: { response_mode: 'form_post' },
    clientAuth: 'body',
    // The audience is Apple's, wherever the requests go.
    ...(key ? { clientSecretJwt: { ...key, audience: APPLE_ID_HOST } } : {}),
    profile: appleProfile,
  };
}

const Name = Type.String({ maxLength: 100 });

/** The `user` field of Apple's first callback: `{"name":{"firstName","lastName"},"email"}`. */
export const AppleUserField = Type.Object({
  name: Type.Optional(Type.Object({ firstName: Type.Optional(Name), lastName: Type.Optional(Name) })),
  email: Type.Optional(Type.String({ maxLength: 320 })),
});

/** The names of a `user` field, or none when it is absent or not Apple's shape. */
export function appleUserNames(raw: string | undefined): { firstName: string | null; lastName: string | null } {
  let parsed: unknown;
  try {
    parsed = raw ? JSON.parse(raw) : null;
  } catch {
    parsed = null;
  }
  if (!Value.Check(AppleUserField, parsed)) return { firstName: null, lastName: null };
  const clean = (v: string | undefined) => (v?.trim() ? v.trim() : null);
  return { firstName: clean(parsed.name?.firstName), lastName: clean(parsed.name?.lastName) };
}

export function appleProfile(claims: Record<string, unknown>, params: Record<string, string>): ProviderProfile | null {
  const profile = claimsProfile(claims, DEFAULT_CLAIMS);
  if (!profile) return null;
  const names = appleUserNames(params.user);
  return {
    ...profile,
    firstName: profile.firstName ?? names.firstName,
    lastName: profile.lastName ?? names.lastName,
    username: null,
    imageUrl: null,
  };
}
