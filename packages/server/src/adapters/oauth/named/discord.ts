/**
 * Discord: OAuth2 with the `identify email` scopes and `GET /api/v10/users/@me`; the client
 * authenticates with HTTP Basic (arctic's `Discord` wraps the generic client). No PKCE: arctic
 * documents it as unsupported for confidential clients. The email counts as verified when
 * Discord's `verified` says so. `prompt=consent` shows the authorization screen again (where
 * the person can switch accounts) instead of skipping it for a returning user.
 *
 * With `GATEHOUSE_OAUTH_DISCORD_BASE_URL=B`: `B/oauth2/authorize`, `B/api/oauth2/token`,
 * `B/api/v10/users/@me` (discord.com's own layout). Avatars stay on Discord's CDN.
 */
import { httpsUrl } from '../claims-profile.ts';
import type { OAuth2Spec } from '../provider-spec.ts';
import { accountId, emailOf, malformed, object, text } from './profile-fields.ts';

const CDN = 'https://cdn.discordapp.com';

export function discordSpec(base: string | undefined): OAuth2Spec {
  const host = base ?? 'https://discord.com';
  return {
    kind: 'oauth2',
    authorizationUrl: `${host}/oauth2/authorize`,
    tokenUrl: `${host}/api/oauth2/token`,
    scopes: ['identify', 'email'],
    accountSelector: { prompt: 'consent' },
    pkce: false,
    async readProfile(token, fetchJson) {
      const me = object(await fetchJson(`${host}/api/v10/users/@me`, token));
      if (!me) throw malformed('discord', 'user');
      const id = accountId('discord', 'user', me.id);
      const email = emailOf(me.email);
      const avatar = text(me.avatar, 128);
      return {
        providerUserId: id,
        email,
        emailVerified: email !== null && me.verified === true,
        // `global_name` is a display name, not a person's name: names are left to the person.
        firstName: null,
        lastName: null,
        username: text(me.username, 64),
        imageUrl: avatar && /^[a-z0-9_]+$/i.test(avatar) ? httpsUrl(`${CDN}/avatars/${id}/${avatar}.png`) : null,
      };
    },
  };
}
