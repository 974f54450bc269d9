/**
 * TikTok Login Kit for Web (OAuth v2): the client id is `client_key` (in the authorization URL
 * and the token body, with the secret, as arctic's `TikTok` sends them), scopes are
 * comma-separated, PKCE (S256) as arctic sends it. The token answer names the account
 * (`open_id`); `GET /v2/user/info/` adds the display name and avatar. TikTok gives no email:
 * the sign-up asks the person for one.
 *
 * With `GATEHOUSE_OAUTH_TIKTOK_BASE_URL=B`: `B/v2/auth/authorize/`, `B/v2/oauth/token/`,
 * `B/v2/user/info/` (www.tiktok.com and open.tiktokapis.com on one host).
 */
import { httpsUrl } from '../claims-profile.ts';
import type { OAuth2Spec } from '../provider-spec.ts';
import { accountId, malformed, object } from './profile-fields.ts';

export function tiktokSpec(base: string | undefined): OAuth2Spec {
  const web = base ?? 'https://www.tiktok.com';
  const api = base ?? 'https://open.tiktokapis.com';
  return {
    kind: 'oauth2',
    authorizationUrl: `${web}/v2/auth/authorize/`,
    tokenUrl: `${api}/v2/oauth/token/`,
    scopes: ['user.info.basic'],
    scopeSeparator: ',',
    clientIdParam: 'client_key',
    accountSelector: {},
    pkce: true,
    clientAuth: 'body',
    async readProfile(token, fetchJson, grant) {
      const openId = accountId('tiktok', 'token', grant.data.open_id);
      const answer = object(await fetchJson(`${api}/v2/user/info/?fields=open_id,avatar_url,display_name`, token));
      // TikTok's API answers `error.code: "ok"` beside the data when all went well.
      const user = object(object(answer?.data)?.user);
      if (!user || object(answer?.error)?.code !== 'ok') throw malformed('tiktok', 'user');
      if (user.open_id !== undefined && user.open_id !== openId) throw malformed('tiktok', 'user');
      return {
        providerUserId: openId,
        email: null,
        emailVerified: false,
        firstName: null,
        lastName: null,
        username: null,
        imageUrl: httpsUrl(user.avatar_url),
      };
    },
  };
}
