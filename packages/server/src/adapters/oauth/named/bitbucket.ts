/**
 * Bitbucket Cloud: OAuth 2.0 consumers with HTTP Basic client credentials (arctic's
 * `Bitbucket`), `GET /2.0/user` for the account and `GET /2.0/user/emails` for the addresses
 * and their `is_confirmed` flags. Permissions come from the consumer's settings (Account: Read
 * and Email), not from a `scope` parameter. The primary address is taken when confirmed; else
 * any confirmed one; else the primary one, unverified. The account id is Bitbucket's `uuid`.
 *
 * With `GATEHOUSE_OAUTH_BITBUCKET_BASE_URL=B`: `B/site/oauth2/authorize`,
 * `B/site/oauth2/access_token`, `B/2.0/user` (bitbucket.org and api.bitbucket.org on one host).
 */
import { GatehouseError } from '@gatehouse/shared';
import { httpsUrl, splitName } from '../claims-profile.ts';
import type { OAuth2Spec } from '../provider-spec.ts';
import { accountId, emailOf, malformed, object, text } from './profile-fields.ts';

export function bitbucketSpec(base: string | undefined): OAuth2Spec {
  const web = base ?? 'https://bitbucket.org';
  const api = `${base ?? 'https://api.bitbucket.org'}/2.0`;
  return {
    kind: 'oauth2',
    authorizationUrl: `${web}/site/oauth2/authorize`,
    tokenUrl: `${web}/site/oauth2/access_token`,
    scopes: [],
    accountSelector: {},
    pkce: false,
    async readProfile(token, fetchJson) {
      const user = object(await fetchJson(`${api}/user`, token));
      if (!user) throw malformed('bitbucket', 'user');
      const page = await fetchJson(`${api}/user/emails?pagelen=100`, token).catch((e: unknown) => {
        // A consumer without the Email permission gets a 403: the account has no readable email.
        if (e instanceof GatehouseError && e.meta.status === 403) return { values: [] };
        throw e;
      });
      const values = object(page)?.values;
      if (!Array.isArray(values)) throw malformed('bitbucket', 'emails');
      const emails = values
        .map(object)
        .filter((e) => e !== null && typeof e.email === 'string')
        .map((e) => ({
          email: emailOf(e?.email),
          primary: e?.is_primary === true,
          confirmed: e?.is_confirmed === true,
        }));
      const chosen =
        emails.find((e) => e.primary && e.confirmed) ??
        emails.find((e) => e.confirmed) ??
        emails.find((e) => e.primary);
      const [firstName, lastName] = typeof user.display_name === 'string' ? splitName(user.display_name) : [null, null];
      return {
        providerUserId: accountId('bitbucket', 'user', user.uuid),
        email: chosen?.email ?? null,
        emailVerified: chosen?.email != null && chosen.confirmed,
        firstName,
        lastName,
        username: text(user.nickname, 64),
        imageUrl: httpsUrl(object(object(user.links)?.avatar)?.href),
      };
    },
  };
}
