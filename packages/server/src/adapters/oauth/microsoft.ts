/**
 * Microsoft (Entra ID work and school accounts, personal Microsoft accounts) as OpenID Connect
 * at `https://login.microsoftonline.com/<tenant>/v2.0`.
 *
 * - Tenants: with `common`, `organizations` or `consumers` the discovery document's issuer is
 *   the template `…/{tenantid}/v2.0` (or the consumer tenant's), and each ID token carries its
 *   own tenant's issuer and `tid`. openid-client knows this host: it accepts the template and
 *   checks every token's `iss` against the template filled with that token's `tid` (a token
 *   whose `iss` and `tid` disagree is refused). A tenant id setting gets that tenant's issuer,
 *   so another tenant's tokens are refused.
 * - `GATEHOUSE_OAUTH_MICROSOFT_BASE_URL` moves where the requests for Microsoft's login host
 *   go (a national cloud, a proxy, a test server); the issuer stays Microsoft's, so the same
 *   checks apply.
 * - Email: Microsoft does not verify the `email` claim of work accounts (any tenant admin can
 *   set any address: the "nOAuth" account takeover). It counts as verified only when the token
 *   says the domain owner verified it (`xms_edov`, an optional claim the app registration must
 *   ask for) or the account is a personal Microsoft account (consumer tenant), whose address
 *   Microsoft verified. Otherwise linking to an existing user takes an email code.
 * - `preferred_username` is the UPN, not a username: it is left out.
 */
import type { ProviderProfile } from '../../domain/external-accounts/external-account.ts';
import { claimsProfile, DEFAULT_CLAIMS } from './claims-profile.ts';
import type { OidcSpec } from './provider-spec.ts';

export const MICROSOFT_LOGIN_HOST = 'https://login.microsoftonline.com';

/** The tenant of personal Microsoft accounts (outlook.com, hotmail.com, live.com). */
export const CONSUMER_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';

/** The Microsoft provider for a tenant (`common`, `organizations`, `consumers` or a tenant id). */
export function microsoftSpec(baseUrl: string | undefined, tenant = 'common'): OidcSpec {
  return {
    kind: 'oidc',
    issuer: `${MICROSOFT_LOGIN_HOST}/${encodeURIComponent(tenant)}/v2.0`,
    ...(baseUrl ? { requestBaseUrl: baseUrl } : {}),
    scopes: ['openid', 'email', 'profile'],
    accountSelector: { prompt: 'select_account' },
    pkce: true,
    claims: DEFAULT_CLAIMS,
    // Microsoft's documented way (its samples and MSAL); it takes HTTP Basic too.
    clientAuth: 'body',
    profile: microsoftProfile,
  };
}

const isTrue = (v: unknown) => v === true || v === 'true';

/** The profile from a checked ID token (and UserInfo), with Microsoft's email rule above. */
export function microsoftProfile(claims: Record<string, unknown>): ProviderProfile | null {
  const profile = claimsProfile(claims, DEFAULT_CLAIMS);
  if (!profile) return null;
  const verified = profile.email !== null && (isTrue(claims.xms_edov) || claims.tid === CONSUMER_TENANT_ID);
  return { ...profile, emailVerified: verified, username: null };
}
