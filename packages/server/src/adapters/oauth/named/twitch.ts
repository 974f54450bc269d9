/**
 * Twitch: OAuth on id.twitch.tv with the client's credentials in the body (Twitch takes no
 * HTTP Basic), and Helix `GET /helix/users`, which wants the app's `Client-Id` header beside
 * the token. Helix documents `email` as the user's verified address (with `user:read:email`),
 * so it counts as verified. `force_verify=true` shows the authorization page again.
 *
 * With `GATEHOUSE_OAUTH_TWITCH_BASE_URL=B`: `B/oauth2/authorize`, `B/oauth2/token`,
 * `B/helix/users` (id.twitch.tv and api.twitch.tv on one host).
 */
import { httpsUrl } from '../claims-profile.ts';
import type { OAuth2Spec } from '../provider-spec.ts';
import { accountId, emailOf, malformed, object, text } from './profile-fields.ts';

export function twitchSpec(base: string | undefined): OAuth2Spec {
  const id = base ?? 'https://id.twitch.tv';
  const api = base ?? 'https://api.twitch.tv';
  return {
    kind: 'oauth2',
    authorizationUrl: `${id}/oauth2/authorize`,
    tokenUrl: `${id}/oauth2/token`,
    scopes: ['user:read:email'],
    accountSelector: { force_verify: 'true' },
    pkce: false,
    clientAuth: 'body',
    async readProfile(token, fetchJson, grant) {
      const answer = object(await fetchJson(`${api}/helix/users`, token, { headers: { 'client-id': grant.clientId } }));
      const user = Array.isArray(answer?.data) ? object(answer.data[0]) : null;
      if (!user) throw malformed('twitch', 'user');
      const email = emailOf(user.email);
      return {
        providerUserId: accountId('twitch', 'user', user.id),
        email,
        emailVerified: email !== null,
        // `display_name` is the login's capitalization, not a person's name.
        firstName: null,
        lastName: null,
        username: text(user.login, 64),
        imageUrl: httpsUrl(user.profile_image_url),
      };
    },
  };
}
