/**
 * Storage ports of social sign-in: connected accounts and the single-use `state` of each
 * provider round trip. The conventions every port follows are in `domain/store.ts`.
 */
import type { ExternalAccount, SealedTokens } from './external-account.ts';
import type { OAuthState } from './oauth-state.ts';

export type OAuthStateOutcome =
  | { ok: true; state: OAuthState }
  | { ok: false; reason: 'unknown' | 'used' | 'expired'; state: OAuthState | null };

export interface ExternalAccountRepository {
  /** Throws `external_account_exists` when the provider account is connected to a user already. */
  create(a: ExternalAccount): Promise<void>;
  findById(instanceId: string, id: string): Promise<ExternalAccount | null>;
  findByProviderUser(instanceId: string, provider: string, providerUserId: string): Promise<ExternalAccount | null>;
  listForUser(instanceId: string, userId: string): Promise<ExternalAccount[]>;
  /** Saves what the latest round trip brought (profile, scopes, tokens, status). */
  update(a: ExternalAccount, now: number): Promise<void>;
  updateTokens(instanceId: string, id: string, tokens: SealedTokens, scopes: string[], now: number): Promise<void>;
  delete(instanceId: string, id: string): Promise<boolean>;
}

export interface OAuthStateRepository {
  create(s: OAuthState): Promise<void>;
  /**
   * Uses the state once: the one UPDATE that sets `consumed_at` wins, so of two callbacks
   * carrying it (a replay, a double submit) exactly one gets `ok`. A used or expired state
   * comes back with its row, so the flow it belonged to can be told why.
   */
  consume(instanceId: string, stateHash: string, now: number): Promise<OAuthStateOutcome>;
}
