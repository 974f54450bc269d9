/**
 * Linear: OAuth 2.0 with the client's credentials in the body (as arctic's `Linear` sends
 * them), PKCE (S256), comma-separated scopes (`read` always included), refresh tokens (the
 * default for apps since October 2025), and the GraphQL API's `viewer`. Linear gives no
 * verification flag: the email is unverified. `prompt=consent` shows the authorization page
 * again, where the person can pick another workspace or account.
 *
 * With `GATEHOUSE_OAUTH_LINEAR_BASE_URL=B`: `B/oauth/authorize`, `B/oauth/token`, `B/graphql`
 * (linear.app and api.linear.app on one host).
 */
import { httpsUrl, splitName } from '../claims-profile.ts';
import type { OAuth2Spec } from '../provider-spec.ts';
import { accountId, emailOf, malformed, object } from './profile-fields.ts';

const VIEWER = '{ viewer { id name email avatarUrl } }';

export function linearSpec(base: string | undefined): OAuth2Spec {
  const web = base ?? 'https://linear.app';
  const api = base ?? 'https://api.linear.app';
  return {
    kind: 'oauth2',
    authorizationUrl: `${web}/oauth/authorize`,
    tokenUrl: `${api}/oauth/token`,
    scopes: ['read'],
    scopeSeparator: ',',
    accountSelector: { prompt: 'consent' },
    pkce: true,
    clientAuth: 'body',
    async readProfile(token, fetchJson) {
      const answer = object(await fetchJson(`${api}/graphql`, token, { method: 'POST', json: { query: VIEWER } }));
      const viewer = object(object(answer?.data)?.viewer);
      if (!viewer) throw malformed('linear', 'viewer');
      const [firstName, lastName] = typeof viewer.name === 'string' ? splitName(viewer.name) : [null, null];
      return {
        providerUserId: accountId('linear', 'viewer', viewer.id),
        email: emailOf(viewer.email),
        emailVerified: false,
        firstName,
        lastName,
        username: null,
        imageUrl: httpsUrl(viewer.avatarUrl),
      };
    },
  };
}
