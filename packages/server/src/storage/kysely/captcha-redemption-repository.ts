import type { Kysely } from 'kysely';
import type { CaptchaRedemptionRepository } from '../../domain/store.ts';
import type { Database } from '../schema.ts';

export class KyselyCaptchaRedemptionRepository implements CaptchaRedemptionRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async redeemOnce(instanceId: string, solutionHash: string, expiresAt: number, now: number): Promise<boolean> {
    // Expired solutions are refused by their signature's expiry already; their rows can go.
    await this.#db.deleteFrom('captcha_redemptions').where('expires_at', '<', now).execute();
    const r = await this.#db
      .insertInto('captcha_redemptions')
      .values({ instance_id: instanceId, solution_hash: solutionHash, expires_at: expiresAt })
      .onConflict((oc) => oc.columns(['instance_id', 'solution_hash']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
  }
}
