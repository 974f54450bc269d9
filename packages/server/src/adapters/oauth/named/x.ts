/**
 * X (Twitter) OAuth 2.0 with PKCE (required by X), HTTP Basic client credentials (arctic's
 * `Twitter`), and API v2 `GET /2/users/me`. `offline.access` brings a refresh token.
 *
 * X gives an email only to apps allowed to ask for it, with the `users.email` scope: when that
 * scope was granted, the reader asks for `confirmed_email` (confirmed by X, so verified);
 * otherwise the email is null and the sign-up asks the person for one.
 * With `GATEHOUSE_OAUTH_X_BASE_URL=B`: `B/i/oauth2/authorize`, `B/2/oauth2/token`, `B/2/users/me`
 * (x.com and api.x.com on one host).
 */
import { httpsUrl, splitName } from '../claims-profile.ts';
import type { OAuth2Spec } from '../provider-spec.ts';
import { accountId, emailOf, malformed, object, text } from './profile-fields.ts';

export function xSpec(base: string | undefined): OAuth2Spec {
  const web = base ?? 'https://x.com';
  const api = base ?? 'https://api.x.com';
  return {
    kind: 'oauth2',
    authorizationUrl: `${web}/i/oauth2/authorize`,
    tokenUrl: `${api}/2/oauth2/token`,
    // `users.read` needs `tweet.read` alongside it.
    scopes: ['users.read', 'tweet.read', 'offline.access'],
    accountSelector: {},
    pkce: true,
    async readProfile(token, fetchJson, grant) {
      const fields = ['profile_image_url', ...(grant.scopes.includes('users.email') ? ['confirmed_email'] : [])];
      const me = object(object(await fetchJson(`${api}/2/users/me?user.fields=${fields.join(',')}`, token))?.data);
      if (!me) throw malformed('x', 'user');
      const email = emailOf(me.confirmed_email);
      const [firstName, lastName] = typeof me.name === 'string' ? splitName(me.name) : [null, null];
      return {
        providerUserId: accountId('x', 'user', me.id),
        email,
        emailVerified: email !== null,
        firstName,
        lastName,
        username: text(me.username, 64),
        imageUrl: httpsUrl(me.profile_image_url),
      };
    },
  };
}
