/**
 * Connected accounts from the profile: connect a provider (`POST /v1/me/external_accounts`),
 * reauthorize one for more scopes, and disconnect one, never the user's last way to sign in.
 * A connect keeps a row `unverified` (no provider user yet) until the callback fills it; a
 * provider account already connected to anyone fails it with `external_account_exists`.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { InstanceSettings } from '../../config/instance-settings.ts';
import type { Deps } from '../deps.ts';
import type { FlowContext } from '../flow-context.ts';
import type { User } from '../users/user.ts';
import type { Verification } from '../verification/verification.ts';
import { refreshAccount } from './accounts.ts';
import type { ExternalAccount, ExternalIdentity } from './external-account.ts';
import { type OAuthFlowDeps, startOAuth } from './oauth-flow.ts';

type ConnectDeps = OAuthFlowDeps & Pick<Deps, 'secretBox'>;

export interface ConnectInput {
  strategy: string;
  redirect_url?: string;
  /** Space- or comma-separated scopes asked for on top of the provider's defaults. */
  additional_scope?: string;
}

const scopesOf = (raw: string | undefined) => (raw ? raw.split(/[ ,]+/).filter(Boolean) : []);

async function roundTrip(deps: ConnectDeps, ctx: FlowContext, accountId: string, input: ConnectInput) {
  const client = await ctx.client.ensure();
  return startOAuth(deps, ctx, {
    flow: 'connect',
    flowId: accountId,
    clientId: client.id,
    strategy: input.strategy,
    redirectUrl: input.redirect_url,
    additionalScopes: scopesOf(input.additional_scope),
  });
}

export async function startConnect(
  deps: ConnectDeps,
  ctx: FlowContext,
  user: User,
  input: ConnectInput,
): Promise<{ account: ExternalAccount; verification: Verification }> {
  deps.oauth.assertAvailable(ctx.instance, input.strategy);
  const now = deps.clock.now();
  const account: ExternalAccount = {
    id: deps.random.id('eac'),
    instanceId: ctx.instance.id,
    userId: user.id,
    provider: input.strategy,
    providerUserId: null,
    emailAddress: '',
    emailVerified: false,
    firstName: '',
    lastName: '',
    username: null,
    imageUrl: '',
    approvedScopes: [],
    verificationStatus: 'unverified',
    verificationError: null,
    tokens: null,
    createdAt: now,
    updatedAt: now,
  };
  const verification = await roundTrip(deps, ctx, account.id, input);
  await deps.store.externalAccounts.create(account);
  return { account, verification };
}

export async function findOwnAccount(deps: Pick<Deps, 'store'>, user: User, id: string): Promise<ExternalAccount> {
  const account = await deps.store.externalAccounts.findById(user.instanceId, id);
  if (!account || account.userId !== user.id) throw new GatehouseError('external_account_not_found');
  return account;
}

/** Another round trip for an account the user has (more scopes, or a revoked grant). */
export async function reauthorize(
  deps: ConnectDeps,
  ctx: FlowContext,
  user: User,
  id: string,
  input: Omit<ConnectInput, 'strategy'>,
): Promise<{ account: ExternalAccount; verification: Verification }> {
  const account = await findOwnAccount(deps, user, id);
  const scopes = [...account.approvedScopes, ...scopesOf(input.additional_scope)].join(' ');
  const verification = await roundTrip(deps, ctx, account.id, {
    ...input,
    strategy: account.provider,
    additional_scope: scopes,
  });
  return { account, verification };
}

/** The provider called back for a connect: the row takes the provider account. */
export async function completeConnect(deps: ConnectDeps, ctx: FlowContext, id: string, identity: ExternalIdentity) {
  const account = await deps.store.externalAccounts.findById(ctx.instance.id, id);
  if (!account) throw new GatehouseError('oauth_callback_invalid', { meta: { reason: 'flow_gone' } });
  const other = await deps.store.externalAccounts.findByProviderUser(
    ctx.instance.id,
    identity.provider,
    identity.profile.providerUserId,
  );
  if (other && other.id !== account.id) throw new GatehouseError('external_account_exists');
  await refreshAccount(deps, deps.store, account, identity);
}

export async function failConnect(
  deps: Pick<Deps, 'store' | 'clock'>,
  ctx: FlowContext,
  id: string,
  code: Verification['errorCode'],
) {
  const account = await deps.store.externalAccounts.findById(ctx.instance.id, id);
  if (!account) return;
  await deps.store.externalAccounts.update(
    {
      ...account,
      // A failed reauthorization leaves a working account working; a new connect stays failed.
      verificationStatus: account.verificationStatus === 'verified' ? 'verified' : 'failed',
      verificationError: code ?? null,
    },
    deps.clock.now(),
  );
}

/**
 * A way to sign in that remains without this account: a password, another connected
 * provider, a passkey, or a verified email or phone the instance signs in with by code or link.
 */
export function hasOtherSignInMethod(
  user: User,
  accounts: ExternalAccount[],
  removing: string,
  settings: InstanceSettings,
  passkeys: number,
): boolean {
  if (user.passwordDigest !== null) return true;
  if (accounts.some((a) => a.id !== removing && a.verificationStatus === 'verified')) return true;
  if (passkeys > 0 && settings.auth.passkey.enabled) return true;
  const email = settings.auth.email_address;
  if (
    (email.sign_in_with_code || email.sign_in_with_link) &&
    user.emailAddresses.some((e) => e.verificationStatus === 'verified')
  )
    return true;
  return (
    settings.auth.phone_number.sign_in_with_code &&
    (user.phoneNumbers ?? []).some((p) => p.verificationStatus === 'verified' && !p.reservedForSecondFactor)
  );
}

export async function disconnect(
  deps: Pick<Deps, 'store'>,
  ctx: { instance: { settings: InstanceSettings } },
  user: User,
  id: string,
) {
  const account = await findOwnAccount(deps, user, id);
  const accounts = await deps.store.externalAccounts.listForUser(user.instanceId, user.id);
  const passkeys = (await deps.store.passkeys.listByUser(user.instanceId, user.id)).filter(
    (p) => p.verifiedAt !== null,
  );
  if (
    account.verificationStatus === 'verified' &&
    !hasOtherSignInMethod(user, accounts, account.id, ctx.instance.settings, passkeys.length)
  )
    throw new GatehouseError('external_account_last_sign_in_method');
  await deps.store.externalAccounts.delete(user.instanceId, account.id);
  return account;
}
