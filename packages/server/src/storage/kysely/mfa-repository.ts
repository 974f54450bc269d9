import type { Kysely, Selectable } from 'kysely';
import type { MfaRepository, TotpRecord } from '../../domain/store.ts';
import type { Database, UserTotpsTable } from '../schema.ts';

const toTotp = (r: Selectable<UserTotpsTable>): TotpRecord => ({
  id: r.id,
  instanceId: r.instance_id,
  userId: r.user_id,
  secretEncrypted: r.secret_encrypted,
  verified: Number(r.verified) === 1,
  lastUsedStep: Number(r.last_used_step),
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

export class KyselyMfaRepository implements MfaRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async findTotp(instanceId: string, userId: string): Promise<TotpRecord | null> {
    const r = await this.#db
      .selectFrom('user_totps')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return r ? toTotp(r) : null;
  }

  async replaceUnverifiedTotp(t: TotpRecord): Promise<boolean> {
    await this.#db
      .deleteFrom('user_totps')
      .where('instance_id', '=', t.instanceId)
      .where('user_id', '=', t.userId)
      .where('verified', '=', 0)
      .execute();
    // The unique user_id refuses a second row: a verified TOTP stays, and a concurrent
    // enrolment that lost the race reports it.
    const r = await this.#db
      .insertInto('user_totps')
      .values({
        id: t.id,
        instance_id: t.instanceId,
        user_id: t.userId,
        secret_encrypted: t.secretEncrypted,
        verified: t.verified ? 1 : 0,
        last_used_step: t.lastUsedStep,
        created_at: t.createdAt,
        updated_at: t.updatedAt,
      })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async verifyTotpIfUnverified(instanceId: string, userId: string, step: number, now: number): Promise<boolean> {
    const r = await this.#db
      .updateTable('user_totps')
      .set({ verified: 1, last_used_step: step, updated_at: now })
      .where('instance_id', '=', instanceId)
      .where('user_id', '=', userId)
      .where('verified', '=', 0)
      .where('last_used_step', '<', step)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async useTotpStepIfNewer(instanceId: string, userId: string, step: number, now: number): Promise<boolean> {
    const r = await this.#db
      .updateTable('user_totps')
      .set({ last_used_step: step, updated_at: now })
      .where('instance_id', '=', instanceId)
      .where('user_id', '=', userId)
      .where('verified', '=', 1)
      .where('last_used_step', '<', step)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deleteTotp(instanceId: string, userId: string): Promise<boolean> {
    const r = await this.#db
      .deleteFrom('user_totps')
      .where('instance_id', '=', instanceId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async replaceBackupCodes(
    instanceId: string,
    userId: string,
    codes: { id: string; codeHash: string }[],
    now: number,
  ): Promise<void> {
    await this.deleteBackupCodes(instanceId, userId);
    if (codes.length === 0) return;
    await this.#db
      .insertInto('backup_codes')
      .values(
        codes.map((c) => ({
          id: c.id,
          instance_id: instanceId,
          user_id: userId,
          code_hash: c.codeHash,
          consumed_at: null,
          created_at: now,
        })),
      )
      .execute();
  }

  async listOpenBackupCodes(instanceId: string, userId: string): Promise<{ id: string; codeHash: string }[]> {
    const rows = await this.#db
      .selectFrom('backup_codes')
      .select(['id', 'code_hash'])
      .where('instance_id', '=', instanceId)
      .where('user_id', '=', userId)
      .where('consumed_at', 'is', null)
      .execute();
    return rows.map((r) => ({ id: r.id, codeHash: r.code_hash }));
  }

  async consumeBackupCodeIfOpen(instanceId: string, id: string, now: number): Promise<boolean> {
    const r = await this.#db
      .updateTable('backup_codes')
      .set({ consumed_at: now })
      .where('instance_id', '=', instanceId)
      .where('id', '=', id)
      .where('consumed_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deleteBackupCodes(instanceId: string, userId: string): Promise<number> {
    const r = await this.#db
      .deleteFrom('backup_codes')
      .where('instance_id', '=', instanceId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async flagsFor(userIds: string[]): Promise<Map<string, { totpEnabled: boolean; backupCodeEnabled: boolean }>> {
    const flags = new Map<string, { totpEnabled: boolean; backupCodeEnabled: boolean }>();
    if (userIds.length === 0) return flags;
    const totps = await this.#db
      .selectFrom('user_totps')
      .select('user_id')
      .where('user_id', 'in', userIds)
      .where('verified', '=', 1)
      .execute();
    const codes = await this.#db
      .selectFrom('backup_codes')
      .select('user_id')
      .distinct()
      .where('user_id', 'in', userIds)
      .where('consumed_at', 'is', null)
      .execute();
    for (const id of userIds) flags.set(id, { totpEnabled: false, backupCodeEnabled: false });
    for (const t of totps) flags.get(t.user_id)!.totpEnabled = true;
    for (const c of codes) flags.get(c.user_id)!.backupCodeEnabled = true;
    return flags;
  }
}
