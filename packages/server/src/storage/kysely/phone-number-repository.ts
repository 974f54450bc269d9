import { GatehouseError } from '@gatehouse/shared';
import type { Kysely, Selectable } from 'kysely';
import type { PhoneNumberRepository } from '../../domain/store.ts';
import type { PhoneNumber } from '../../domain/users/user.ts';
import type { Database, PhoneNumbersTable } from '../schema.ts';
import { isUniqueViolation } from './unique-violation.ts';

export const toPhoneNumber = (r: Selectable<PhoneNumbersTable>): PhoneNumber => ({
  id: r.id,
  userId: r.user_id,
  phoneNumber: r.phone_number,
  verificationStatus: r.verification_status,
  verificationStrategy: r.verification_strategy,
  verifiedAt: r.verified_at === null ? null : Number(r.verified_at),
  claimed: Number(r.claimed) === 1,
  reservedForSecondFactor: Number(r.reserved_for_second_factor) === 1,
  defaultSecondFactor: Number(r.default_second_factor) === 1,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

const clash = (err: unknown): never => {
  if (isUniqueViolation(err, 'phone_number'))
    throw new GatehouseError('form_identifier_exists', {
      longMessage: 'That phone number is taken. Please try another.',
      meta: { param_name: 'phone_number' },
      cause: err,
    });
  throw err;
};

export class KyselyPhoneNumberRepository implements PhoneNumberRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async add(instanceId: string, p: PhoneNumber): Promise<void> {
    try {
      await this.#db
        .insertInto('phone_numbers')
        .values({
          id: p.id,
          instance_id: instanceId,
          user_id: p.userId,
          phone_number: p.phoneNumber,
          verification_status: p.verificationStatus,
          verification_strategy: p.verificationStrategy,
          verified_at: p.verifiedAt,
          claimed: p.claimed ? 1 : 0,
          reserved_for_second_factor: p.reservedForSecondFactor ? 1 : 0,
          default_second_factor: p.defaultSecondFactor ? 1 : 0,
          created_at: p.createdAt,
          updated_at: p.updatedAt,
        })
        .execute();
    } catch (err) {
      clash(err);
    }
  }

  async claimedBy(instanceId: string, phoneNumber: string): Promise<string | null> {
    const r = await this.#db
      .selectFrom('phone_numbers')
      .select('user_id')
      .where('instance_id', '=', instanceId)
      .where('phone_number', '=', phoneNumber)
      .where('claimed', '=', 1)
      .executeTakeFirst();
    return r?.user_id ?? null;
  }

  async markPrepared(instanceId: string, id: string, strategy: string, now: number): Promise<void> {
    await this.#db
      .updateTable('phone_numbers')
      .set({ verification_strategy: strategy, updated_at: now })
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .where('verification_status', '=', 'unverified')
      .execute();
  }

  async verifyIfUnverified(instanceId: string, id: string, strategy: string, now: number): Promise<boolean> {
    try {
      // One statement: of concurrent verifications exactly one changes the row, and the unique
      // index on claimed numbers refuses it if another account claimed the number first.
      const r = await this.#db
        .updateTable('phone_numbers')
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

  async updateFlags(
    instanceId: string,
    userId: string,
    id: string,
    flags: Partial<Pick<PhoneNumber, 'reservedForSecondFactor' | 'defaultSecondFactor'>>,
    now: number,
  ): Promise<void> {
    if (flags.defaultSecondFactor === true)
      await this.#db
        .updateTable('phone_numbers')
        .set({ default_second_factor: 0, updated_at: now })
        .where('instance_id', '=', instanceId)
        .where('user_id', '=', userId)
        .where('id', '!=', id)
        .where('default_second_factor', '=', 1)
        .execute();
    const set: { updated_at: number; reserved_for_second_factor?: number; default_second_factor?: number } = {
      updated_at: now,
    };
    if (flags.reservedForSecondFactor !== undefined)
      set.reserved_for_second_factor = flags.reservedForSecondFactor ? 1 : 0;
    if (flags.defaultSecondFactor !== undefined) set.default_second_factor = flags.defaultSecondFactor ? 1 : 0;
    await this.#db
      .updateTable('phone_numbers')
      .set(set)
      .where('instance_id', '=', instanceId)
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .execute();
  }

  async delete(instanceId: string, userId: string, id: string): Promise<boolean> {
    const r = await this.#db
      .deleteFrom('phone_numbers')
      .where('instance_id', '=', instanceId)
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async findById(instanceId: string, id: string): Promise<PhoneNumber | null> {
    const r = await this.#db
      .selectFrom('phone_numbers')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? toPhoneNumber(r) : null;
  }
}
