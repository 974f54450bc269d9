/**
 * Storage port of the "This wasn't me" links of new-device emails.
 * The conventions every port follows are in `domain/store.ts`.
 */

/** A "This wasn't me" link of a new-device email; the token is only in the email, its hash here. */
export interface UnauthorizedSignInLink {
  tokenHash: string;
  instanceId: string;
  userId: string;
  sessionId: string;
  expiresAt: number;
  consumedAt: number | null;
  createdAt: number;
}

export type LinkConsumption =
  | { ok: true; link: UnauthorizedSignInLink }
  | { ok: false; reason: 'unknown' | 'expired' | 'used' };

export interface UnauthorizedSignInLinkRepository {
  create(l: UnauthorizedSignInLink): Promise<void>;
  /** Marks the link used if it is unused and unexpired, in one conditional write (one of two racers wins). */
  consume(instanceId: string, tokenHash: string, now: number): Promise<LinkConsumption>;
}
