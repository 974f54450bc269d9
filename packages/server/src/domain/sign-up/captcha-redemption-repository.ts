/**
 * Storage port of used bot-protection solutions.
 * The conventions every port follows are in `domain/store.ts`.
 */

export interface CaptchaRedemptionRepository {
  /** Records a solution as used; false when it was already (atomic: one of two racers wins). */
  redeemOnce(instanceId: string, solutionHash: string, expiresAt: number, now: number): Promise<boolean>;
}
