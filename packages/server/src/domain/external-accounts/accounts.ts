/**
 * Connected accounts made from what a provider returned: sealing its tokens (the deployment
 * secret, bound to the account id so a row's tokens cannot be moved to another), creating the
 * account for a user, and refreshing one from a later sign-in.
 */
import type { Deps } from '../deps.ts';
import type { Store } from '../store.ts';
import type {
  ExternalAccount,
  ExternalIdentity,
  ProviderGrant,
  ProviderProfile,
  ProviderTokens,
  SealedTokens,
} from './external-account.ts';

type SealDeps = Pick<Deps, 'secretBox'>;

const identityContext = (instanceId: string, provider: string, p: ProviderProfile) =>
  `oauth_identity:${instanceId}:${provider}:${p.providerUserId}`;
const accountContext = (a: Pick<ExternalAccount, 'instanceId' | 'id'>) => `external_account:${a.instanceId}:${a.id}`;

/** A provider account met at a callback, its tokens sealed, ready to be kept inside a flow. */
export async function identityFrom(
  deps: SealDeps & Pick<Deps, 'clock'>,
  instanceId: string,
  provider: string,
  profile: ProviderProfile,
  grant: ProviderGrant,
): Promise<ExternalIdentity> {
  const tokens = datedTokens(deps, grant);
  return {
    provider,
    profile,
    scopes: tokens.scopes,
    sealedTokens: await deps.secretBox.seal(JSON.stringify(tokens), identityContext(instanceId, provider, profile)),
  };
}

export async function openIdentityTokens(
  deps: SealDeps,
  instanceId: string,
  i: ExternalIdentity,
): Promise<ProviderTokens | null> {
  if (i.sealedTokens === null) return null;
  return JSON.parse(
    await deps.secretBox.open(i.sealedTokens, identityContext(instanceId, i.provider, i.profile)),
  ) as ProviderTokens;
}

/** A grant's tokens with their expiry dated by the domain's clock. */
export function datedTokens(deps: Pick<Deps, 'clock'>, grant: ProviderGrant): ProviderTokens {
  const { expiresInSeconds, ...rest } = grant;
  return { ...rest, expiresAt: expiresInSeconds === null ? null : deps.clock.now() + expiresInSeconds * 1000 };
}

export async function sealTokens(deps: SealDeps, a: Pick<ExternalAccount, 'instanceId' | 'id'>, t: ProviderTokens) {
  const ctx = accountContext(a);
  const sealed: SealedTokens = {
    accessToken: await deps.secretBox.seal(t.accessToken, ctx),
    refreshToken: t.refreshToken === null ? null : await deps.secretBox.seal(t.refreshToken, ctx),
    idToken: t.idToken === null ? null : await deps.secretBox.seal(t.idToken, ctx),
    expiresAt: t.expiresAt,
  };
  return sealed;
}

export async function openTokens(deps: SealDeps, a: ExternalAccount): Promise<ProviderTokens | null> {
  if (!a.tokens) return null;
  const ctx = accountContext(a);
  return {
    accessToken: await deps.secretBox.open(a.tokens.accessToken, ctx),
    refreshToken: a.tokens.refreshToken === null ? null : await deps.secretBox.open(a.tokens.refreshToken, ctx),
    idToken: a.tokens.idToken === null ? null : await deps.secretBox.open(a.tokens.idToken, ctx),
    expiresAt: a.tokens.expiresAt,
    scopes: a.approvedScopes,
  };
}

const profileFields = (p: ProviderProfile) => ({
  providerUserId: p.providerUserId,
  emailAddress: p.email ?? '',
  emailVerified: p.emailVerified,
  firstName: p.firstName ?? '',
  lastName: p.lastName ?? '',
  username: p.username,
  imageUrl: p.imageUrl ?? '',
});

/** The connected account for `userId` made from a provider identity (not yet stored). */
export async function accountFromIdentity(
  deps: SealDeps & Pick<Deps, 'random'>,
  instanceId: string,
  userId: string,
  identity: ExternalIdentity,
  now: number,
): Promise<ExternalAccount> {
  const id = deps.random.id('eac');
  const tokens = await openIdentityTokens(deps, instanceId, identity);
  return {
    id,
    instanceId,
    userId,
    provider: identity.provider,
    ...profileFields(identity.profile),
    approvedScopes: identity.scopes,
    verificationStatus: 'verified',
    verificationError: null,
    tokens: tokens ? await sealTokens(deps, { instanceId, id }, tokens) : null,
    createdAt: now,
    updatedAt: now,
  };
}

/** An existing account brought up to date by a new round trip (profile, scopes, tokens). */
export async function refreshAccount(
  deps: SealDeps & Pick<Deps, 'clock'>,
  store: Store,
  account: ExternalAccount,
  identity: ExternalIdentity,
): Promise<ExternalAccount> {
  const { profile } = identity;
  const tokens = await openIdentityTokens(deps, account.instanceId, identity);
  const next: ExternalAccount = {
    ...account,
    ...profileFields(profile),
    approvedScopes: identity.scopes,
    verificationStatus: 'verified',
    verificationError: null,
    // A provider that sends no new refresh token keeps the old one valid.
    tokens: tokens
      ? await sealTokens(deps, account, {
          ...tokens,
          refreshToken: tokens.refreshToken ?? (await openTokens(deps, account))?.refreshToken ?? null,
        })
      : account.tokens,
  };
  await store.externalAccounts.update(next, deps.clock.now());
  return next;
}
