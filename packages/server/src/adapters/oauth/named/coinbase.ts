/**
 * Coinbase (Sign in with Coinbase): the current OAuth2 endpoints on login.coinbase.com (arctic
 * still points at the retired www.coinbase.com/oauth ones), the client's credentials in the
 * body (as arctic's `Coinbase` sends them), PKCE (S256, which Coinbase recommends),
 * `offline_access` for a refresh token, and API v2 `GET /v2/user`. Coinbase gives no
 * verification flag: the email is unverified.
 *
 * With `GATEHOUSE_OAUTH_COINBASE_BASE_URL=B`: `B/oauth2/auth`, `B/oauth2/token`, `B/v2/user`
 * (login.coinbase.com and api.coinbase.com on one host).
 */
import { httpsUrl, splitName } from '../claims-profile.ts';
import type { OAuth2Spec } from '../provider-spec.ts';
import { accountId, emailOf, malformed, object, text } from './profile-fields.ts';

export function coinbaseSpec(base: string | undefined): OAuth2Spec {
  const login = base ?? 'https://login.coinbase.com';
  const api = base ?? 'https://api.coinbase.com';
  return {
    kind: 'oauth2',
    authorizationUrl: `${login}/oauth2/auth`,
    tokenUrl: `${login}/oauth2/token`,
    scopes: ['wallet:user:read', 'wallet:user:email', 'offline_access'],
    accountSelector: {},
    pkce: true,
    clientAuth: 'body',
    async readProfile(token, fetchJson) {
      const user = object(object(await fetchJson(`${api}/v2/user`, token))?.data);
      if (!user) throw malformed('coinbase', 'user');
      const [firstName, lastName] = typeof user.name === 'string' ? splitName(user.name) : [null, null];
      return {
        providerUserId: accountId('coinbase', 'user', user.id),
        email: emailOf(user.email),
        emailVerified: false,
        firstName,
        lastName,
        username: text(user.username, 64),
        imageUrl: httpsUrl(user.avatar_url),
      };
    },
  };
}
