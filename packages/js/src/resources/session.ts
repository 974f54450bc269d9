/**
 * A session: one signed-in device. `getToken()` gives the session token (JWT) to send to your
 * own backend, cached and refreshed before it expires; `end()` signs it out; `touch()` makes it
 * the client's active one; `revoke()` signs out one of the user's other devices.
 */
import type { ClientSessionObject, SessionVerificationObject } from '@gatehouse/shared/wire';
import type { GetTokenOptions, ResourceCore } from '../core/core.ts';
import { SessionVerification, type SessionVerificationLevel } from './session-verification.ts';
import { revokeUserSession, SessionWithActivities } from './session-with-activities.ts';
import { User } from './user.ts';

export interface PublicUserData {
  firstName: string | null;
  lastName: string | null;
  imageUrl: string;
  hasImage: boolean;
  identifier: string;
  userId: string;
  username: string | null;
}

export interface AttemptFirstFactorVerificationParams {
  strategy: 'password' | 'email_code' | (string & {});
  password?: string;
  code?: string;
}

export interface PrepareSecondFactorVerificationParams {
  strategy: 'phone_code' | (string & {});
  /** The number to text; the default second-factor number when omitted. */
  phoneNumberId?: string;
}

export interface AttemptSecondFactorVerificationParams {
  strategy: 'totp' | 'phone_code' | 'backup_code' | (string & {});
  code: string;
}

/** One of this client's sessions: the signed-in user, tokens for your backend, sign-out and step-up. */
export class Session extends SessionWithActivities {
  readonly lastActiveOrganizationId: string | null;
  readonly user: User | null;
  readonly publicUserData: PublicUserData | null;
  /** Minutes since the first and second factor were verified; -1 for never. */
  readonly factorVerificationAge: number[];
  /** What a `pending` session must do first, e.g. `[{ key: 'setup-mfa' }]`; empty otherwise. */
  readonly tasks: { key: string }[];
  readonly #core: ResourceCore;

  constructor(core: ResourceCore, data: ClientSessionObject) {
    super(core, data);
    this.#core = core;
    this.lastActiveOrganizationId = data.last_active_organization_id;
    this.user = data.user ? new User(core, data.user, data.id) : null;
    const p = data.public_user_data;
    this.publicUserData = p
      ? {
          firstName: p.first_name,
          lastName: p.last_name,
          imageUrl: p.image_url,
          hasImage: p.has_image,
          identifier: p.identifier,
          userId: p.user_id,
          username: p.username,
        }
      : null;
    this.factorVerificationAge = data.factor_verification_age;
    this.tasks = data.tasks ?? [];
  }

  #path(suffix: string) {
    return `/v1/client/sessions/${encodeURIComponent(this.id)}${suffix}`;
  }

  #post = async (suffix: string, idempotent = false) =>
    new Session(
      this.#core,
      await this.#core.fetch<ClientSessionObject>({ method: 'POST', path: this.#path(suffix), idempotent }),
    );

  /**
   * The session token: the cached one while it has more than 10 s left, else a new one.
   * Null when the session is over.
   * @example fetch('/api', { headers: { authorization: `Bearer ${await session.getToken()}` } })
   */
  getToken(opts?: GetTokenOptions): Promise<string | null> {
    return this.#core.getToken(this.id, opts);
  }

  /** Signs this session out. */
  end(): Promise<Session> {
    return this.#post('/end');
  }

  /** Removes this session from the client. */
  remove(): Promise<Session> {
    return this.#post('/remove');
  }

  /** Marks the session active now and makes it the client's active session. */
  touch(): Promise<Session> {
    return this.#post('/touch', true);
  }

  /** Signs this session out through the user's session list (as `SessionWithActivities.revoke()` does). */
  override async revoke(): Promise<Session> {
    return new Session(this.#core, await revokeUserSession(this.#core, this.id));
  }

  #verify = (suffix: string, body: Record<string, unknown>) =>
    this.#core.fetch<SessionVerificationObject>({ method: 'POST', path: this.#path(`/verify${suffix}`), body });

  /**
   * Starts reverifying this session (step-up) at `level`, after a call answered
   * `session_reverification_required` (see `isReverificationRequired`).
   * @example
   * const v = await session.startVerification({ level: 'second_factor' });
   * if (v.status === 'needs_first_factor') await session.attemptFirstFactorVerification({ strategy: 'password', password });
   */
  async startVerification(params: { level: SessionVerificationLevel }): Promise<SessionVerification> {
    return new SessionVerification(await this.#verify('', { level: params.level }));
  }

  /** Mails a reverification code to the primary address (`email_code`). */
  async prepareFirstFactorVerification(params: {
    strategy: 'email_code' | (string & {});
  }): Promise<SessionVerification> {
    return new SessionVerification(await this.#verify('/prepare_first_factor', { strategy: params.strategy }));
  }

  /**
   * Checks the password or the mailed code. Once complete, the cached session token is replaced,
   * so the next `getToken()` carries the fresh verification age (`fva`) to your backend.
   */
  async attemptFirstFactorVerification(params: AttemptFirstFactorVerificationParams): Promise<SessionVerification> {
    const v = new SessionVerification(
      await this.#verify('/attempt_first_factor', {
        strategy: params.strategy,
        password: params.password,
        code: params.code,
      }),
    );
    if (v.status === 'complete') await this.#core.getToken(this.id, { skipCache: true });
    return v;
  }

  /** Texts a reverification code to a number reserved for second factor (`phone_code`). */
  async prepareSecondFactorVerification(params: PrepareSecondFactorVerificationParams): Promise<SessionVerification> {
    return new SessionVerification(
      await this.#verify('/prepare_second_factor', {
        strategy: params.strategy,
        phone_number_id: params.phoneNumberId,
      }),
    );
  }

  /**
   * Checks an authenticator code (`totp`), the texted code (`phone_code`) or a backup code.
   * Once complete, the cached session token is replaced, as after the first factor.
   * @example
   * if (v.status === 'needs_second_factor') await session.attemptSecondFactorVerification({ strategy: 'totp', code });
   */
  async attemptSecondFactorVerification(params: AttemptSecondFactorVerificationParams): Promise<SessionVerification> {
    const v = new SessionVerification(
      await this.#verify('/attempt_second_factor', { strategy: params.strategy, code: params.code }),
    );
    if (v.status === 'complete') await this.#core.getToken(this.id, { skipCache: true });
    return v;
  }
}
