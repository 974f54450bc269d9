/**
 * Notion public integrations: HTTP Basic client credentials (arctic's `Notion`), `owner=user`
 * on the authorization URL, and no profile call: the token answer names its owner
 * (`owner.user`, a Notion user with `person.email`). Notion gives no verification flag: the
 * email is unverified. An owner that is a bot has no email (the sign-up asks for one); a
 * workspace-owned token names no person and is refused.
 *
 * With `GATEHOUSE_OAUTH_NOTION_BASE_URL=B`: `B/v1/oauth/authorize`, `B/v1/oauth/token`.
 */
import { httpsUrl, splitName } from '../claims-profile.ts';
import type { OAuth2Spec } from '../provider-spec.ts';
import { accountId, emailOf, malformed, object } from './profile-fields.ts';

export function notionSpec(base: string | undefined): OAuth2Spec {
  const api = `${base ?? 'https://api.notion.com'}/v1`;
  return {
    kind: 'oauth2',
    authorizationUrl: `${api}/oauth/authorize`,
    tokenUrl: `${api}/oauth/token`,
    scopes: [],
    accountSelector: {},
    pkce: false,
    authorizationParams: { owner: 'user' },
    async readProfile(_token, _fetchJson, grant) {
      const user = object(object(grant.data.owner)?.user);
      if (!user) throw malformed('notion', 'owner');
      const [firstName, lastName] = typeof user.name === 'string' ? splitName(user.name) : [null, null];
      return {
        providerUserId: accountId('notion', 'owner', user.id),
        email: user.type === 'person' ? emailOf(object(user.person)?.email) : null,
        emailVerified: false,
        firstName,
        lastName,
        username: null,
        imageUrl: httpsUrl(user.avatar_url),
      };
    },
  };
}
