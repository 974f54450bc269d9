import type { Kysely, Selectable } from 'kysely';
import type { ExternalIdentity } from '../../domain/external-accounts/external-account.ts';
import type { SignIn } from '../../domain/sign-in/sign-in.ts';
import type { SignInRepository } from '../../domain/store.ts';
import type { Verification } from '../../domain/verification/verification.ts';
import type { Database, SignInsTable } from '../schema.ts';
import { fromJson } from './json.ts';

const toSignIn = (r: Selectable<SignInsTable>): SignIn => ({
  id: r.id,
  instanceId: r.instance_id,
  clientId: r.client_id,
  status: r.status as SignIn['status'],
  identifier: r.identifier,
  userId: r.user_id,
  firstFactorVerification: fromJson<Verification>(r.first_factor_verification),
  secondFactorVerification: fromJson<Verification>(r.second_factor_verification),
  createdSessionId: r.created_session_id,
  pendingExternalAccount: fromJson<ExternalIdentity>(r.pending_external_account),
  expiresAt: r.expires_at,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const verification = (v: Verification | null) => (v === null ? null : JSON.stringify(v));
const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

export class KyselySignInRepository implements SignInRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async create(s: SignIn): Promise<void> {
    await this.#db
      .insertInto('sign_ins')
      .values({
        id: s.id,
        instance_id: s.instanceId,
        client_id: s.clientId,
        status: s.status,
        identifier: s.identifier,
        user_id: s.userId,
        first_factor_verification: verification(s.firstFactorVerification),
        second_factor_verification: verification(s.secondFactorVerification),
        created_session_id: s.createdSessionId,
        pending_external_account: json(s.pendingExternalAccount),
        expires_at: s.expiresAt,
        version: s.version,
        created_at: s.createdAt,
        updated_at: s.updatedAt,
      })
      .execute();
  }

  async findById(instanceId: string, id: string): Promise<SignIn | null> {
    const r = await this.#db
      .selectFrom('sign_ins')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? toSignIn(r) : null;
  }

  async saveIfVersion(s: SignIn, now: number): Promise<boolean> {
    const r = await this.#db
      .updateTable('sign_ins')
      .set({
        status: s.status,
        identifier: s.identifier,
        user_id: s.userId,
        first_factor_verification: verification(s.firstFactorVerification),
        second_factor_verification: verification(s.secondFactorVerification),
        created_session_id: s.createdSessionId,
        pending_external_account: json(s.pendingExternalAccount),
        version: s.version + 1,
        updated_at: now,
      })
      .where('instance_id', '=', s.instanceId)
      .where('id', '=', s.id)
      .where('version', '=', s.version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
