import { GatehouseError } from '@gatehouse/shared';
import type { Kysely, Selectable } from 'kysely';
import type { ExternalAccount, SealedTokens } from '../../domain/external-accounts/external-account.ts';
import type { ExternalAccountRepository } from '../../domain/store.ts';
import type { Database, ExternalAccountsTable } from '../schema.ts';
import { isUniqueViolation } from './unique-violation.ts';

const toAccount = (r: Selectable<ExternalAccountsTable>): ExternalAccount => ({
  id: r.id,
  instanceId: r.instance_id,
  userId: r.user_id,
  provider: r.provider,
  providerUserId: r.provider_user_id,
  emailAddress: r.email_address,
  emailVerified: Number(r.email_verified) === 1,
  firstName: r.first_name,
  lastName: r.last_name,
  username: r.username,
  imageUrl: r.image_url,
  approvedScopes: r.approved_scopes.split(' ').filter(Boolean),
  verificationStatus: r.verification_status as ExternalAccount['verificationStatus'],
  verificationError: r.verification_error,
  tokens:
    r.access_token === null
      ? null
      : {
          accessToken: r.access_token,
          refreshToken: r.refresh_token,
          idToken: r.id_token,
          expiresAt: r.token_expires_at === null ? null : Number(r.token_expires_at),
        },
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

const tokenColumns = (t: SealedTokens | null) => ({
  access_token: t?.accessToken ?? null,
  refresh_token: t?.refreshToken ?? null,
  id_token: t?.idToken ?? null,
  token_expires_at: t?.expiresAt ?? null,
});

const profileColumns = (a: ExternalAccount) => ({
  provider_user_id: a.providerUserId,
  email_address: a.emailAddress,
  email_verified: a.emailVerified ? 1 : 0,
  first_name: a.firstName,
  last_name: a.lastName,
  username: a.username,
  image_url: a.imageUrl,
  approved_scopes: a.approvedScopes.join(' '),
  verification_status: a.verificationStatus,
  verification_error: a.verificationError,
  ...tokenColumns(a.tokens),
});

const exists = (e: unknown) =>
  isUniqueViolation(e, 'provider_user_id') || isUniqueViolation(e, 'external_accounts_provider_user')
    ? new GatehouseError('external_account_exists', { meta: { param_name: 'strategy' } })
    : e;

export class KyselyExternalAccountRepository implements ExternalAccountRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async create(a: ExternalAccount): Promise<void> {
    try {
      await this.#db
        .insertInto('external_accounts')
        .values({
          id: a.id,
          instance_id: a.instanceId,
          user_id: a.userId,
          provider: a.provider,
          ...profileColumns(a),
          created_at: a.createdAt,
          updated_at: a.updatedAt,
        })
        .execute();
    } catch (e) {
      throw exists(e);
    }
  }

  async findById(instanceId: string, id: string): Promise<ExternalAccount | null> {
    const r = await this.#db
      .selectFrom('external_accounts')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? toAccount(r) : null;
  }

  async findByProviderUser(instanceId: string, provider: string, providerUserId: string) {
    const r = await this.#db
      .selectFrom('external_accounts')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('provider', '=', provider)
      .where('provider_user_id', '=', providerUserId)
      .executeTakeFirst();
    return r ? toAccount(r) : null;
  }

  listForUser(instanceId: string, userId: string): Promise<ExternalAccount[]> {
    return this.listForUsers(instanceId, [userId]);
  }

  /** Every user's accounts, for reads of several users at once (the users repository). */
  async listForUsers(instanceId: string, userIds: string[]): Promise<ExternalAccount[]> {
    if (userIds.length === 0) return [];
    const rows = await this.#db
      .selectFrom('external_accounts')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('user_id', 'in', userIds)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toAccount);
  }

  async update(a: ExternalAccount, now: number): Promise<void> {
    try {
      await this.#db
        .updateTable('external_accounts')
        .set({ ...profileColumns(a), updated_at: now })
        .where('instance_id', '=', a.instanceId)
        .where('id', '=', a.id)
        .execute();
    } catch (e) {
      throw exists(e);
    }
  }

  async updateTokens(instanceId: string, id: string, tokens: SealedTokens, scopes: string[], now: number) {
    await this.#db
      .updateTable('external_accounts')
      .set({ ...tokenColumns(tokens), approved_scopes: scopes.join(' '), updated_at: now })
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .execute();
  }

  async delete(instanceId: string, id: string): Promise<boolean> {
    const r = await this.#db
      .deleteFrom('external_accounts')
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }
}
