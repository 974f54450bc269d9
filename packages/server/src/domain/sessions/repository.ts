/**
 * Storage port of sessions.
 * The conventions every port follows are in `domain/store.ts`.
 */
import type { ReverificationLevel as SessionVerificationLevel } from '@gatehouse/shared';
import type { Session, SessionStatus } from './session.ts';

export interface SessionListQuery {
  userId?: string;
  clientId?: string;
  status?: SessionStatus;
  limit: number;
  offset: number;
}

export interface SessionRepository {
  create(s: Session): Promise<void>;
  findById(instanceId: string, id: string): Promise<Session | null>;
  listByClient(instanceId: string, clientId: string, statuses: SessionStatus[]): Promise<Session[]>;
  list(instanceId: string, q: SessionListQuery): Promise<Session[]>;
  /** Moves an `active` session to `status`; false if it was no longer active. */
  endIfActive(instanceId: string, id: string, status: Exclude<SessionStatus, 'active'>, now: number): Promise<boolean>;
  /** Ends every active session of a user (ban, delete, password change). Returns their ids. */
  endAllForUser(
    instanceId: string,
    userId: string,
    status: Exclude<SessionStatus, 'active'>,
    now: number,
    exceptId?: string,
  ): Promise<string[]>;
  touch(instanceId: string, id: string, now: number): Promise<void>;
  /** Records the level a reverification of the session asks for (`POST .../verify`). */
  startVerification(instanceId: string, id: string, level: SessionVerificationLevel, now: number): Promise<void>;
  findVerificationLevel(instanceId: string, id: string): Promise<SessionVerificationLevel | null>;
  /** Sets when the session last verified its first or second factor (what the `fva` claim counts from). */
  markFactorVerified(instanceId: string, id: string, factor: 'first' | 'second', now: number): Promise<void>;
  /** Records that the session's user has a second factor: minting stops asking (`mfa/pending-session.ts`). */
  markMfaReady(instanceId: string, id: string): Promise<void>;
  /** Forgets that for every session of the user, after a second factor was removed. */
  forgetMfaReady(instanceId: string, userId: string): Promise<void>;
  /** Whether the user ever had a session (any status) on the client: Client Trust's memory. */
  existsForClientAndUser(instanceId: string, clientId: string, userId: string): Promise<boolean>;
  /** Whether the user has a session that a sign-in (not a sign-up) created. */
  hasSignedInBefore(instanceId: string, userId: string): Promise<boolean>;
}
