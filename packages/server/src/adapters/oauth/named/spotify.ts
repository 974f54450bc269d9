/**
 * Spotify: the accounts service with HTTP Basic client credentials (arctic's `Spotify`; no
 * PKCE, which arctic documents as unsupported for confidential clients) and Web API
 * `GET /v1/me`. Spotify documents the email as unverified ("no proof that it actually belongs
 * to the user"): it never counts as verified. `show_dialog=true` shows the approval page again
 * (with its "Not you?" link) instead of redirecting a returning user straight back.
 *
 * With `GATEHOUSE_OAUTH_SPOTIFY_BASE_URL=B`: `B/authorize`, `B/api/token`, `B/v1/me`
 * (accounts.spotify.com and api.spotify.com on one host).
 */
import { httpsUrl, splitName } from '../claims-profile.ts';
import type { OAuth2Spec } from '../provider-spec.ts';
import { accountId, emailOf, malformed, object } from './profile-fields.ts';

export function spotifySpec(base: string | undefined): OAuth2Spec {
  const accounts = base ?? 'https://accounts.spotify.com';
  const api = base ?? 'https://api.spotify.com';
  return {
    kind: 'oauth2',
    authorizationUrl: `${accounts}/authorize`,
    tokenUrl: `${accounts}/api/token`,
    scopes: ['user-read-email'],
    accountSelector: { show_dialog: 'true' },
    pkce: false,
    async readProfile(token, fetchJson) {
      const me = object(await fetchJson(`${api}/v1/me`, token));
      if (!me) throw malformed('spotify', 'user');
      const [firstName, lastName] = typeof me.display_name === 'string' ? splitName(me.display_name) : [null, null];
      const image = Array.isArray(me.images) ? object(me.images[0]) : null;
      return {
        providerUserId: accountId('spotify', 'user', me.id),
        email: emailOf(me.email),
        emailVerified: false,
        firstName,
        lastName,
        username: null,
        imageUrl: httpsUrl(image?.url),
      };
    },
  };
}
