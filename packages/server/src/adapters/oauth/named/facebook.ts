/**
 * Facebook Login: the OAuth dialog and Graph API `GET /me`, credentials in the token request's
 * body (as arctic's `Facebook` sends them). No refresh tokens (long-lived tokens last 60 days).
 *
 * Graph API v26.0 (July 2026, the current version in December 2026); arctic pins v16.0, which
 * Meta retired in May 2025.
 *
 * Graph calls carry `appsecret_proof` (HMAC-SHA256 of the token with the app secret), so apps
 * with "Require App Secret" on (Meta's advice for server-side calls) work too.
 *
 * The email is taken as unverified: Graph documents `email` as the profile's primary address,
 * not as a confirmed one, so linking it to an existing user asks for an email code first.
 * With `GATEHOUSE_OAUTH_FACEBOOK_BASE_URL=B`: `B/v26.0/dialog/oauth`, `B/v26.0/oauth/access_token`,
 * `B/v26.0/me` (www.facebook.com and graph.facebook.com on one host).
 */
import { createHmac } from 'node:crypto';
import { httpsUrl, splitName } from '../claims-profile.ts';
import type { OAuth2Spec } from '../provider-spec.ts';
import { accountId, emailOf, malformed, object, text } from './profile-fields.ts';

const FACEBOOK_GRAPH_VERSION = 'v26.0';
const FIELDS = 'id,name,first_name,last_name,email,picture';

export function facebookSpec(base: string | undefined): OAuth2Spec {
  const web = `${base ?? 'https://www.facebook.com'}/${FACEBOOK_GRAPH_VERSION}`;
  const graph = `${base ?? 'https://graph.facebook.com'}/${FACEBOOK_GRAPH_VERSION}`;
  return {
    kind: 'oauth2',
    authorizationUrl: `${web}/dialog/oauth`,
    tokenUrl: `${graph}/oauth/access_token`,
    scopes: ['email', 'public_profile'],
    // Facebook has no account chooser parameter (`auth_type=reauthenticate` asks for the password again).
    accountSelector: {},
    pkce: false,
    clientAuth: 'body',
    async readProfile(token, fetchJson, grant) {
      const proof = createHmac('sha256', grant.clientSecret).update(token).digest('hex');
      const me = object(await fetchJson(`${graph}/me?fields=${FIELDS}&appsecret_proof=${proof}`, token));
      if (!me) throw malformed('facebook', 'user');
      let firstName = text(me.first_name, 100);
      let lastName = text(me.last_name, 100);
      if (firstName === null && lastName === null && typeof me.name === 'string')
        [firstName, lastName] = splitName(me.name);
      return {
        providerUserId: accountId('facebook', 'user', me.id),
        email: emailOf(me.email),
        emailVerified: false,
        firstName,
        lastName,
        username: null,
        imageUrl: httpsUrl(object(object(me.picture)?.data)?.url),
      };
    },
  };
}
