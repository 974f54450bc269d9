import type { Kysely, Selectable } from 'kysely';
import type { SignUp } from '../../domain/sign-up/sign-up.ts';
import type { SignUpRepository } from '../../domain/store.ts';
import type { Verification } from '../../domain/verification/verification.ts';
import type { Database, SignUpsTable } from '../schema.ts';
import { fromJson, fromJsonObject, toJson } from './json.ts';

const toSignUp = (r: Selectable<SignUpsTable>): SignUp => ({
  id: r.id,
  instanceId: r.instance_id,
  clientId: r.client_id,
  status: r.status as SignUp['status'],
  emailAddress: r.email_address,
  username: r.username,
  firstName: r.first_name,
  lastName: r.last_name,
  passwordDigest: r.password_digest,
  unsafeMetadata: fromJsonObject(r.unsafe_metadata),
  emailVerification: fromJson<Verification>(r.email_verification),
  externalAccountVerification: fromJson<Verification>(r.external_account_verification),
  createdUserId: r.created_user_id,
  createdSessionId: r.created_session_id,
  expiresAt: r.expires_at,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const fields = (s: SignUp) => ({
  status: s.status,
  email_address: s.emailAddress,
  username: s.username,
  first_name: s.firstName,
  last_name: s.lastName,
  password_digest: s.passwordDigest,
  unsafe_metadata: toJson(s.unsafeMetadata),
  email_verification: s.emailVerification === null ? null : JSON.stringify(s.emailVerification),
  external_account_verification: s.externalAccountVerification ? JSON.stringify(s.externalAccountVerification) : null,
  created_user_id: s.createdUserId,
  created_session_id: s.createdSessionId,
});

export class KyselySignUpRepository implements SignUpRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async create(s: SignUp): Promise<void> {
    await this.#db
      .insertInto('sign_ups')
      .values({
        id: s.id,
        instance_id: s.instanceId,
        client_id: s.clientId,
        ...fields(s),
        expires_at: s.expiresAt,
        version: s.version,
        created_at: s.createdAt,
        updated_at: s.updatedAt,
      })
      .execute();
  }

  async findById(instanceId: string, id: string): Promise<SignUp | null> {
    const r = await this.#db
      .selectFrom('sign_ups')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? toSignUp(r) : null;
  }

  async saveIfVersion(s: SignUp, now: number): Promise<boolean> {
    const r = await this.#db
      .updateTable('sign_ups')
      .set({ ...fields(s), version: s.version + 1, updated_at: now })
      .where('instance_id', '=', s.instanceId)
      .where('id', '=', s.id)
      .where('version', '=', s.version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
