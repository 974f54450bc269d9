/**
 * Storage port of clients (a browser profile or a native app install).
 * The conventions every port follows are in `domain/store.ts`.
 */
import type { Session } from '../sessions/session.ts';
import type { Client } from './client.ts';

export interface ClientRepository {
  create(c: Client): Promise<void>;
  findById(instanceId: string, id: string): Promise<Client | null>;
  /**
   * The client `id` and, if it is that client's, the session `sessionId`, in one read (the
   * token-minting path): null when there is no such client; `session` null when the session
   * does not exist or belongs to another client.
   */
  findWithSession(
    instanceId: string,
    id: string,
    sessionId: string,
  ): Promise<{ client: Client; session: Session | null } | null>;
  update(
    instanceId: string,
    id: string,
    patch: Partial<Pick<Client, 'tokenHash' | 'lastActiveSessionId' | 'signInId' | 'signUpId'>>,
    now: number,
  ): Promise<void>;
}
