/**
 * The client (this browser, or this native app install) as the Frontend API last described it:
 * its active sessions, the sign-in and sign-up in progress, and which session is active.
 */
import type { ClientObject } from '@gatehouse/shared/wire';
import type { ResourceCore } from '../core/core.ts';
import { Session } from './session.ts';
import { SignIn } from './sign-in.ts';
import { SignUp } from './sign-up.ts';

export class Client {
  /** Null before the first sign-in or sign-up creates the client. */
  readonly id: string | null;
  readonly sessions: Session[];
  readonly signIn: SignIn;
  readonly signUp: SignUp;
  readonly lastActiveSessionId: string | null;
  readonly createdAt: Date | null;
  readonly updatedAt: Date | null;

  constructor(core: ResourceCore, data: ClientObject | null) {
    this.id = data?.id ?? null;
    this.sessions = (data?.sessions ?? []).map((s) => new Session(core, s));
    this.signIn = new SignIn(core, data?.sign_in ?? null);
    this.signUp = new SignUp(core, data?.sign_up ?? null);
    this.lastActiveSessionId = data?.last_active_session_id ?? null;
    this.createdAt = data ? new Date(data.created_at) : null;
    this.updatedAt = data ? new Date(data.updated_at) : null;
  }

  /** The active session the client last used, or null when signed out. */
  get lastActiveSession(): Session | null {
    return this.sessions.find((s) => s.id === this.lastActiveSessionId && s.status === 'active') ?? null;
  }

  /** Sessions that are signed in. */
  get signedInSessions(): Session[] {
    return this.sessions.filter((s) => s.status === 'active');
  }
}
