/**
 * Storage port of the housekeeping sweep.
 * The conventions every port follows are in `domain/store.ts`.
 */

/** Rows that outlived their use (codes, flows, links), kept a while after expiry then deleted. */
export type ExpiringRecord =
  | 'verification_codes'
  | 'sign_ins'
  | 'sign_ups'
  | 'email_link_tokens'
  | 'oauth_states'
  | 'unauthorized_sign_in_links'
  | 'identifier_lockouts';

export interface ExpiredRecordRepository {
  /** Deletes up to `limit` rows of `kind` that expired before `before`; returns how many went. */
  deleteExpired(kind: ExpiringRecord, before: number, limit: number): Promise<number>;
}
