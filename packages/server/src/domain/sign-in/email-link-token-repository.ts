/**
 * Storage port of sign-in links (`email_link`).
 * The conventions every port follows are in `domain/store.ts`.
 */

/** A sign-in link (`email_link`); the token is only in the email, its hash here. */
export interface EmailLinkToken {
  tokenHash: string;
  instanceId: string;
  signInId: string;
  /** The client (browser) that asked for the link: with same-device protection, the only one it completes in. */
  clientId: string;
  redirectUrl: string;
  expiresAt: number;
  consumedAt: number | null;
  createdAt: number;
}

export type EmailLinkLookup =
  | { ok: true; link: EmailLinkToken }
  | { ok: false; reason: 'unknown' | 'expired' | 'used' };

export interface EmailLinkTokenRepository {
  create(l: EmailLinkToken): Promise<void>;
  /** When the sign-in's newest link was created (resend throttle), or null. */
  latestCreatedAt(instanceId: string, signInId: string): Promise<number | null>;
  /** The link as stored, or why it cannot be used (unknown, expired, used). */
  findUsable(instanceId: string, tokenHash: string, now: number): Promise<EmailLinkLookup>;
  /** Marks the link used if it is unused and unexpired, in one conditional write (one of two racers wins). */
  consume(instanceId: string, tokenHash: string, now: number): Promise<EmailLinkLookup>;
}
