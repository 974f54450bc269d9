/**
 * The provider access token of a user's connected account, for the app's backend to call the
 * provider (`GET /v1/users/{id}/oauth_access_tokens/{provider}`). An expired one is refreshed
 * with the stored refresh token first (and the new tokens sealed back); without one, or when
 * the provider refuses the refresh, `external_account_token_unavailable`.
 */
import { GatehouseError, isGatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { Instance } from '../instances/instance.ts';
import { datedTokens, openTokens, sealTokens } from './accounts.ts';
import type { ExternalAccount, ProviderTokens } from './external-account.ts';

/** Refresh a token this close to its expiry, so the app does not get one that dies in flight. */
const EARLY_REFRESH_MS = 60_000;

export async function providerAccessTokens(
  deps: Pick<Deps, 'store' | 'clock' | 'secretBox' | 'oauth'>,
  instance: Instance,
  userId: string,
  provider: string,
): Promise<{ account: ExternalAccount; tokens: ProviderTokens }[]> {
  const accounts = (await deps.store.externalAccounts.listForUser(instance.id, userId)).filter(
    (a) => a.provider === provider && a.verificationStatus === 'verified' && a.tokens !== null,
  );
  const out: { account: ExternalAccount; tokens: ProviderTokens }[] = [];
  for (const account of accounts) {
    const tokens = await openTokens(deps, account);
    if (!tokens) continue;
    const now = deps.clock.now();
    if (tokens.expiresAt === null || tokens.expiresAt - EARLY_REFRESH_MS > now) {
      out.push({ account, tokens });
      continue;
    }
    if (!tokens.refreshToken) throw unavailable('expired');
    let fresh: ProviderTokens;
    try {
      fresh = datedTokens(deps, await deps.oauth.refresh(instance, provider, tokens.refreshToken));
    } catch (e) {
      if (isGatehouseError(e)) throw unavailable('refresh_refused', e);
      throw e;
    }
    const scopes = fresh.scopes.length > 0 ? fresh.scopes : account.approvedScopes;
    await deps.store.externalAccounts.updateTokens(
      instance.id,
      account.id,
      await sealTokens(deps, account, fresh),
      scopes,
      now,
    );
    out.push({ account: { ...account, approvedScopes: scopes }, tokens: { ...fresh, scopes } });
  }
  return out;
}

const unavailable = (reason: string, cause?: unknown) =>
  new GatehouseError('external_account_token_unavailable', { meta: { reason }, cause });
