import { GatehouseError } from '@gatehouse/shared';
import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import type { FailedAttemptCount, UserListQuery, UserPatch, UserRepository } from '../../domain/store.ts';
import type { EmailAddress, PhoneNumber, User } from '../../domain/users/user.ts';
import type { Database, EmailAddressesTable, UsersTable } from '../schema.ts';
import { KyselyExternalAccountRepository } from './external-account-repository.ts';
import { fromJsonObject, toJson } from './json.ts';
import { KyselyMfaRepository } from './mfa-repository.ts';
import { toPhoneNumber } from './phone-number-repository.ts';
import { isUniqueViolation } from './unique-violation.ts';

const toEmail = (r: Selectable<EmailAddressesTable>): EmailAddress => ({
  id: r.id,
  userId: r.user_id,
  emailAddress: r.email_address,
  verificationStatus: r.verification_status,
  verificationStrategy: r.verification_strategy,
  verifiedAt: r.verified_at,
  claimed: r.claimed === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toUser = (r: Selectable<UsersTable>, emails: EmailAddress[], phones: PhoneNumber[] = []): User => ({
  id: r.id,
  instanceId: r.instance_id,
  username: r.username,
  firstName: r.first_name,
  lastName: r.last_name,
  passwordDigest: r.password_digest,
  primaryEmailAddressId: r.primary_email_address_id,
  publicMetadata: fromJsonObject(r.public_metadata),
  privateMetadata: fromJsonObject(r.private_metadata),
  unsafeMetadata: fromJsonObject(r.unsafe_metadata),
  banned: r.banned === 1,
  locked: r.locked === 1,
  lockoutExpiresAt: r.lockout_expires_at,
  failedVerificationAttempts: r.failed_verification_attempts,
  lastSignInAt: r.last_sign_in_at,
  lastActiveAt: r.last_active_at,
  passwordUpdatedAt: r.password_updated_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  emailAddresses: emails,
  phoneNumbers: phones,
  primaryPhoneNumberId: r.primary_phone_number_id,
});

const emailRow = (instanceId: string, e: EmailAddress) => ({
  id: e.id,
  instance_id: instanceId,
  user_id: e.userId,
  email_address: e.emailAddress,
  verification_status: e.verificationStatus,
  verification_strategy: e.verificationStrategy,
  verified_at: e.verifiedAt,
  claimed: e.claimed ? 1 : 0,
  created_at: e.createdAt,
  updated_at: e.updatedAt,
});

const clash = (err: unknown): never => {
  if (isUniqueViolation(err, 'email_address'))
    throw new GatehouseError('form_identifier_exists', { meta: { param_name: 'email_address' }, cause: err });
  if (isUniqueViolation(err, 'username'))
    throw new GatehouseError('form_username_exists', { meta: { param_name: 'username' }, cause: err });
  throw err;
};

// LIKE patterns: the user's text is matched literally.
const likeContains = (v: string) => `%${v.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

type Filters = Omit<UserListQuery, 'limit' | 'offset' | 'orderBy'>;

export class KyselyUserRepository implements UserRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async create(u: User): Promise<void> {
    try {
      await this.#db
        .insertInto('users')
        .values({
          id: u.id,
          instance_id: u.instanceId,
          username: u.username,
          first_name: u.firstName,
          last_name: u.lastName,
          password_digest: u.passwordDigest,
          primary_email_address_id: u.primaryEmailAddressId,
          public_metadata: toJson(u.publicMetadata),
          private_metadata: toJson(u.privateMetadata),
          unsafe_metadata: toJson(u.unsafeMetadata),
          banned: u.banned ? 1 : 0,
          locked: u.locked ? 1 : 0,
          lockout_expires_at: u.lockoutExpiresAt,
          failed_verification_attempts: u.failedVerificationAttempts,
          last_sign_in_at: u.lastSignInAt,
          last_active_at: u.lastActiveAt,
          password_updated_at: u.passwordUpdatedAt,
          created_at: u.createdAt,
          updated_at: u.updatedAt,
        })
        .execute();
      if (u.emailAddresses.length > 0)
        await this.#db
          .insertInto('email_addresses')
          .values(u.emailAddresses.map((e) => emailRow(u.instanceId, e)))
          .execute();
    } catch (err) {
      clash(err);
    }
  }

  async #withEmails(rows: Selectable<UsersTable>[]): Promise<User[]> {
    if (rows.length === 0) return [];
    const emails = await this.#db
      .selectFrom('email_addresses')
      .selectAll()
      .where(
        'user_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('created_at', 'asc')
      .execute();
    const byUser = new Map<string, EmailAddress[]>();
    for (const e of emails) {
      const list = byUser.get(e.user_id) ?? [];
      list.push(toEmail(e));
      byUser.set(e.user_id, list);
    }
    const phones = await this.#db
      .selectFrom('phone_numbers')
      .selectAll()
      .where(
        'user_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
    const phonesByUser = new Map<string, PhoneNumber[]>();
    for (const p of phones) {
      const list = phonesByUser.get(p.user_id) ?? [];
      list.push(toPhoneNumber(p));
      phonesByUser.set(p.user_id, list);
    }
    const mfa = await new KyselyMfaRepository(this.#db).flagsFor(rows.map((r) => r.id));
    const accounts = await new KyselyExternalAccountRepository(this.#db).listForUsers(
      rows[0]!.instance_id,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      ...toUser(r, byUser.get(r.id) ?? [], phonesByUser.get(r.id) ?? []),
      ...mfa.get(r.id),
      externalAccounts: accounts.filter((a) => a.userId === r.id),
    }));
  }

  async findById(instanceId: string, id: string): Promise<User | null> {
    const r = await this.#db
      .selectFrom('users')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? ((await this.#withEmails([r]))[0] ?? null) : null;
  }

  async findByEmail(instanceId: string, email: string): Promise<User | null> {
    const r = await this.#db
      .selectFrom('users')
      .selectAll('users')
      .innerJoin('email_addresses', 'email_addresses.user_id', 'users.id')
      .where('email_addresses.instance_id', '=', instanceId)
      .where('email_addresses.email_address', '=', email)
      .where('email_addresses.claimed', '=', 1)
      .executeTakeFirst();
    return r ? ((await this.#withEmails([r]))[0] ?? null) : null;
  }

  async findByUsername(instanceId: string, username: string): Promise<User | null> {
    const r = await this.#db
      .selectFrom('users')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('username', '=', username)
      .executeTakeFirst();
    return r ? ((await this.#withEmails([r]))[0] ?? null) : null;
  }

  async emailExists(instanceId: string, email: string): Promise<boolean> {
    const r = await this.#db
      .selectFrom('email_addresses')
      .select('id')
      .where('instance_id', '=', instanceId)
      .where('email_address', '=', email)
      .where('claimed', '=', 1)
      .executeTakeFirst();
    return r !== undefined;
  }

  async usernameExists(instanceId: string, username: string): Promise<boolean> {
    const r = await this.#db
      .selectFrom('users')
      .select('id')
      .where('instance_id', '=', instanceId)
      .where('username', '=', username)
      .executeTakeFirst();
    return r !== undefined;
  }

  #filter(instanceId: string, f: Filters) {
    return (eb: ExpressionBuilder<Database, 'users'>) => {
      const conds = [eb('users.instance_id', '=', instanceId)];
      if (f.userIds?.length) conds.push(eb('users.id', 'in', f.userIds));
      if (f.usernames?.length) conds.push(eb('users.username', 'in', f.usernames));
      if (f.banned !== undefined) conds.push(eb('users.banned', '=', f.banned ? 1 : 0));
      if (f.emailAddresses?.length)
        conds.push(
          eb(
            'users.id',
            'in',
            eb
              .selectFrom('email_addresses')
              .select('email_addresses.user_id')
              .where('email_addresses.instance_id', '=', instanceId)
              .where('email_addresses.email_address', 'in', f.emailAddresses),
          ),
        );
      if (f.query) {
        const pattern = likeContains(f.query);
        const like = (col: 'users.username' | 'users.first_name' | 'users.last_name' | 'users.id') =>
          eb(sql`lower(${sql.ref(col)})`, 'like', sql`${pattern} escape '\\'`);
        conds.push(
          eb.or([
            like('users.id'),
            like('users.username'),
            like('users.first_name'),
            like('users.last_name'),
            eb(
              'users.id',
              'in',
              eb
                .selectFrom('email_addresses')
                .select('email_addresses.user_id')
                .where('email_addresses.instance_id', '=', instanceId)
                .where('email_addresses.email_address', 'like', sql<string>`${pattern} escape '\\'`),
            ),
          ]),
        );
      }
      return eb.and(conds);
    };
  }

  async list(instanceId: string, q: UserListQuery): Promise<User[]> {
    const rows = await this.#db
      .selectFrom('users')
      .selectAll()
      .where(this.#filter(instanceId, q))
      .orderBy(q.orderBy.field, q.orderBy.direction)
      .orderBy('id', q.orderBy.direction)
      .limit(q.limit)
      .offset(q.offset)
      .execute();
    return this.#withEmails(rows);
  }

  async count(instanceId: string, q: Filters): Promise<number> {
    const r = await this.#db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(this.#filter(instanceId, q))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async update(instanceId: string, id: string, p: UserPatch, now: number): Promise<void> {
    const set: Partial<Record<keyof UsersTable, unknown>> = { updated_at: now };
    if (p.username !== undefined) set.username = p.username;
    if (p.firstName !== undefined) set.first_name = p.firstName;
    if (p.lastName !== undefined) set.last_name = p.lastName;
    if (p.passwordDigest !== undefined) set.password_digest = p.passwordDigest;
    if (p.primaryEmailAddressId !== undefined) set.primary_email_address_id = p.primaryEmailAddressId;
    if (p.primaryPhoneNumberId !== undefined) set.primary_phone_number_id = p.primaryPhoneNumberId;
    if (p.publicMetadata !== undefined) set.public_metadata = toJson(p.publicMetadata);
    if (p.privateMetadata !== undefined) set.private_metadata = toJson(p.privateMetadata);
    if (p.unsafeMetadata !== undefined) set.unsafe_metadata = toJson(p.unsafeMetadata);
    if (p.banned !== undefined) set.banned = p.banned ? 1 : 0;
    if (p.locked !== undefined) set.locked = p.locked ? 1 : 0;
    if (p.lockoutExpiresAt !== undefined) set.lockout_expires_at = p.lockoutExpiresAt;
    if (p.failedVerificationAttempts !== undefined) set.failed_verification_attempts = p.failedVerificationAttempts;
    if (p.lastSignInAt !== undefined) set.last_sign_in_at = p.lastSignInAt;
    if (p.lastActiveAt !== undefined) set.last_active_at = p.lastActiveAt;
    if (p.passwordUpdatedAt !== undefined) set.password_updated_at = p.passwordUpdatedAt;
    try {
      await this.#db
        .updateTable('users')
        .set(set as never)
        .where('instance_id', '=', instanceId)
        .where('id', '=', id)
        .execute();
    } catch (err) {
      clash(err);
    }
  }

  async addEmailAddress(instanceId: string, e: EmailAddress): Promise<void> {
    try {
      await this.#db.insertInto('email_addresses').values(emailRow(instanceId, e)).execute();
    } catch (err) {
      clash(err);
    }
  }

  async markEmailAddressPrepared(instanceId: string, id: string, strategy: string, now: number): Promise<void> {
    await this.#db
      .updateTable('email_addresses')
      .set({ verification_strategy: strategy, updated_at: now })
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .where('verification_status', '=', 'unverified')
      .execute();
  }

  async verifyEmailAddressIfUnverified(
    instanceId: string,
    id: string,
    strategy: string,
    now: number,
  ): Promise<boolean> {
    try {
      // One statement: of concurrent verifications of one address exactly one changes the row,
      // and the unique index on claimed addresses refuses it if another account claimed first.
      const r = await this.#db
        .updateTable('email_addresses')
        .set({
          verification_status: 'verified',
          verification_strategy: strategy,
          verified_at: now,
          claimed: 1,
          updated_at: now,
        })
        .where('instance_id', '=', instanceId)
        .where('id', '=', id)
        .where('verification_status', '=', 'unverified')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    } catch (err) {
      return clash(err);
    }
  }

  async deleteEmailAddress(instanceId: string, userId: string, id: string): Promise<boolean> {
    const r = await this.#db
      .deleteFrom('email_addresses')
      .where('instance_id', '=', instanceId)
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async delete(instanceId: string, id: string): Promise<boolean> {
    const r = await this.#db
      .deleteFrom('users')
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async countFailedAttemptIfUnlocked(
    instanceId: string,
    id: string,
    now: number,
    policy: { maxAttempts: number; lockoutExpiresAt: number | null },
  ): Promise<FailedAttemptCount | null> {
    // One UPDATE ... RETURNING: PostgreSQL re-checks the WHERE on the row each concurrent
    // writer sees, SQLite has a single writer, so no failure is lost and none counts twice.
    // Under the WHERE, `locked = 1` can only be a lock whose time has passed: start again at 1.
    const count = sql<number>`(case when locked = 1 then 1 else failed_verification_attempts + 1 end)`;
    const reached = sql<boolean>`${count} >= ${policy.maxAttempts}`;
    const r = await this.#db
      .updateTable('users')
      .set({
        failed_verification_attempts: count,
        locked: sql<number>`(case when ${reached} then 1 else 0 end)`,
        lockout_expires_at: sql<
          number | null
        >`(case when ${reached} then cast(${policy.lockoutExpiresAt} as bigint) else null end)`,
      })
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .where(unlockedAt(now))
      .returning(['failed_verification_attempts', 'locked', 'lockout_expires_at'])
      .executeTakeFirst();
    if (!r) return null;
    return {
      attempts: Number(r.failed_verification_attempts),
      locked: Number(r.locked) === 1,
      lockoutExpiresAt: r.lockout_expires_at === null ? null : Number(r.lockout_expires_at),
    };
  }

  async resetFailedAttemptsIfUnlocked(instanceId: string, id: string, now: number): Promise<boolean> {
    const r = await this.#db
      .updateTable('users')
      .set({ failed_verification_attempts: 0, locked: 0, lockout_expires_at: null })
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .where(unlockedAt(now))
      .returning('id')
      .executeTakeFirst();
    return r !== undefined;
  }
}

/** Not locked at `now`: never locked, or locked until a time that has passed. */
const unlockedAt = (now: number) => (eb: ExpressionBuilder<Database, 'users'>) =>
  eb.or([
    eb('locked', '=', 0),
    eb.and([eb('lockout_expires_at', 'is not', null), eb('lockout_expires_at', '<=', now)]),
  ]);
