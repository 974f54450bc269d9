/**
 * A user's connected accounts on the Backend API: disconnect one, and read a provider's access
 * token (refreshed when expired) so the app's backend can call that provider for the user.
 */
import { GatehouseError } from '@gatehouse/shared';
import { ErrorResponse, OAuthAccessTokenObject } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import { providerAccessTokens } from '../../domain/external-accounts/provider-tokens.ts';
import { getUser } from '../../domain/users/manage-users.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import type { TypedApp } from '../typed-app.ts';

const tags = ['Backend API: users'];
const Id = Type.String({ minLength: 1, maxLength: 64 });

export function userExternalAccountRoutes(app: TypedApp, deps: AppDeps): void {
  app.delete(
    ROUTES.backend.users.externalAccount,
    {
      schema: {
        tags,
        summary: "Disconnect one of the user's provider accounts (its stored tokens go with it)",
        params: Type.Object({ user_id: Id, external_account_id: Id }),
        response: {
          200: Type.Object({
            object: Type.Literal('external_account'),
            id: Type.String(),
            deleted: Type.Literal(true),
          }),
          '4xx': ErrorResponse,
        },
      },
    },
    async (request) => {
      const { instance } = request.bapi;
      const user = await getUser(deps, instance.id, request.params.user_id);
      const account = await deps.store.externalAccounts.findById(instance.id, request.params.external_account_id);
      if (!account || account.userId !== user.id) throw new GatehouseError('external_account_not_found');
      await deps.store.externalAccounts.delete(instance.id, account.id);
      return { object: 'external_account' as const, id: account.id, deleted: true as const };
    },
  );

  app.get(
    ROUTES.backend.users.oauthAccessTokens,
    {
      schema: {
        tags,
        summary: "The user's access tokens for a provider (one per connected account of it), refreshed when expired",
        description:
          '`provider` is the strategy (`oauth_github`) or the provider id (`github`). An empty list when the user ' +
          'has no account of that provider; `external_account_token_unavailable` (404) when a token expired and ' +
          'cannot be refreshed (the user must connect again).',
        params: Type.Object({ user_id: Id, provider: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: Type.Array(OAuthAccessTokenObject), '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const { instance } = request.bapi;
      const user = await getUser(deps, instance.id, request.params.user_id);
      const raw = request.params.provider;
      const provider = raw.startsWith('oauth_') ? raw : `oauth_${raw}`;
      const found = await providerAccessTokens(deps, instance, user.id, provider);
      return found.map(({ account, tokens }) => ({
        object: 'oauth_access_token' as const,
        external_account_id: account.id,
        provider_user_id: account.providerUserId ?? '',
        token: tokens.accessToken,
        provider,
        public_metadata: {},
        label: null,
        scopes: tokens.scopes,
        expires_at: tokens.expiresAt,
        ...(tokens.idToken ? { id_token: tokens.idToken } : {}),
      }));
    },
  );
}
