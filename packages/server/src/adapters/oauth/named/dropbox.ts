/**
 * Dropbox: OAuth 2 with HTTP Basic client credentials (arctic's `Dropbox`), offline access
 * (`token_access_type=offline` brings a refresh token; Dropbox keeps it across refreshes) and
 * the RPC `POST /2/users/get_current_account` (a JSON `null` body), whose `email_verified`
 * says whether the address is verified. `force_reauthentication=true` signs the person out of
 * Dropbox first, so another account can be chosen.
 *
 * With `GATEHOUSE_OAUTH_DROPBOX_BASE_URL=B`: `B/oauth2/authorize`, `B/oauth2/token`,
 * `B/2/users/get_current_account` (www.dropbox.com and api.dropboxapi.com on one host).
 */
import { httpsUrl } from '../claims-profile.ts';
import type { OAuth2Spec } from '../provider-spec.ts';
import { accountId, emailOf, malformed, object, text } from './profile-fields.ts';

export function dropboxSpec(base: string | undefined): OAuth2Spec {
  const web = base ?? 'https://www.dropbox.com';
  const api = base ?? 'https://api.dropboxapi.com';
  return {
    kind: 'oauth2',
    authorizationUrl: `${web}/oauth2/authorize`,
    tokenUrl: `${api}/oauth2/token`,
    scopes: ['account_info.read'],
    accountSelector: { force_reauthentication: 'true' },
    pkce: false,
    authorizationParams: { token_access_type: 'offline' },
    async readProfile(token, fetchJson) {
      const account = object(
        await fetchJson(`${api}/2/users/get_current_account`, token, { method: 'POST', json: null }),
      );
      if (!account) throw malformed('dropbox', 'account');
      const name = object(account.name);
      const email = emailOf(account.email);
      return {
        providerUserId: accountId('dropbox', 'account', account.account_id),
        email,
        emailVerified: email !== null && account.email_verified === true,
        firstName: text(name?.given_name, 100),
        lastName: text(name?.surname, 100),
        username: null,
        imageUrl: httpsUrl(account.profile_photo_url),
      };
    },
  };
}
