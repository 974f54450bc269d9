/**
 * A sign-up attempt, mirroring the Frontend API: `create` (or `update`) with the fields the
 * environment asks for; while `unverifiedFields` lists `email_address`,
 * `prepareEmailAddressVerification()` sends a code and `attemptEmailAddressVerification({ code })`
 * checks it. At `complete`, `createdSessionId` is the new session and `createdUserId` the user.
 */
import type { SignUpObject } from '@gatehouse/shared/wire';
import { absoluteUrl, type ResourceCore } from '../core/core.ts';
import { needsCaptcha, solveSignUpChallenge } from './captcha.ts';
import { type AuthenticateWithRedirectParams, navigateToProvider } from './oauth-redirect.ts';
import { SignUpVerification, Verification } from './verification.ts';

export type SignUpStatus = SignUpObject['status'];

export interface SignUpParams {
  emailAddress?: string;
  password?: string;
  username?: string;
  firstName?: string;
  lastName?: string;
  unsafeMetadata?: Record<string, unknown>;
  /** A bot-protection token solved elsewhere (a Turnstile widget); ALTCHA is solved for you. */
  captchaToken?: string;
  /** `oauth_*`: sign up with a provider (see `authenticateWithRedirect`). */
  strategy?: string;
  /** `oauth_*`: where the browser comes back to from the provider (absolute). */
  redirectUrl?: string;
  /** `oauth_*`: where the browser goes once the sign-up completed at the provider's callback. */
  actionCompleteRedirectUrl?: string;
  /**
   * Creates the user from the provider account a sign-in met (its first factor verification is
   * `transferable`), in one request; `missing_requirements` lists what the provider did not give.
   */
  transfer?: boolean;
}

const body = (p: SignUpParams) => ({
  email_address: p.emailAddress,
  password: p.password,
  username: p.username,
  first_name: p.firstName,
  last_name: p.lastName,
  unsafe_metadata: p.unsafeMetadata,
  captcha_token: p.captchaToken,
  strategy: p.strategy,
  redirect_url: p.redirectUrl,
  action_complete_redirect_url: p.actionCompleteRedirectUrl,
  transfer: p.transfer,
});

export class SignUp {
  /** Null until `create()`. */
  readonly id: string | null;
  readonly status: SignUpStatus | null;
  readonly requiredFields: string[];
  readonly optionalFields: string[];
  readonly missingFields: string[];
  readonly unverifiedFields: string[];
  readonly verifications: {
    emailAddress: SignUpVerification | null;
    /** `oauth_*`: the provider round trip (its authorization URL, `transferable`, its error). */
    externalAccount: Verification | null;
  };
  readonly emailAddress: string | null;
  readonly username: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly passwordEnabled: boolean;
  readonly unsafeMetadata: Record<string, unknown>;
  readonly createdSessionId: string | null;
  readonly createdUserId: string | null;
  readonly abandonAt: Date | null;
  readonly #core: ResourceCore;

  constructor(core: ResourceCore, data: SignUpObject | null) {
    this.#core = core;
    this.id = data?.id ?? null;
    this.status = data?.status ?? null;
    this.requiredFields = data?.required_fields ?? [];
    this.optionalFields = data?.optional_fields ?? [];
    this.missingFields = data?.missing_fields ?? [];
    this.unverifiedFields = data?.unverified_fields ?? [];
    this.verifications = {
      emailAddress: SignUpVerification.fromSignUp(data?.verifications.email_address),
      externalAccount: Verification.from(data?.verifications.external_account),
    };
    this.emailAddress = data?.email_address ?? null;
    this.username = data?.username ?? null;
    this.firstName = data?.first_name ?? null;
    this.lastName = data?.last_name ?? null;
    this.passwordEnabled = data?.password_enabled ?? false;
    this.unsafeMetadata = data?.unsafe_metadata ?? {};
    this.createdSessionId = data?.created_session_id ?? null;
    this.createdUserId = data?.created_user_id ?? null;
    this.abandonAt = data ? new Date(data.abandon_at) : null;
  }

  #send = async (method: 'GET' | 'POST' | 'PATCH', path: string, b?: Record<string, unknown>) =>
    new SignUp(this.#core, await this.#core.fetch<SignUpObject>({ method, path, ...(b && { body: b }) }));

  #path(suffix = ''): string {
    if (!this.id) throw new TypeError('This sign-up has not been created: call signUp.create() first.');
    return `/v1/client/sign_ups/${encodeURIComponent(this.id)}${suffix}`;
  }

  /**
   * Where the instance protects sign-ups with ALTCHA, the challenge is solved and the request
   * retried once, invisibly (see `captcha.ts`).
   * @example await gatehouse.signUp.create({ emailAddress, password })
   */
  async create(params: SignUpParams): Promise<SignUp> {
    try {
      return await this.#send('POST', '/v1/client/sign_ups', body(params));
    } catch (e) {
      if (params.captchaToken !== undefined || !needsCaptcha(e)) throw e;
      const captchaToken = await solveSignUpChallenge(this.#core);
      if (captchaToken === null) throw e;
      return this.#send('POST', '/v1/client/sign_ups', body({ ...params, captchaToken }));
    }
  }

  /**
   * Social sign-up: creates the sign-up with the provider's strategy and sends the browser to
   * the provider. Back at `redirectUrl`, `gatehouse.handleRedirectCallback()` carries on.
   * @example
   * await gatehouse.signUp.authenticateWithRedirect({
   *   strategy: 'oauth_github',
   *   redirectUrl: '/sign-up/sso-callback',
   *   redirectUrlComplete: '/welcome',
   * })
   */
  async authenticateWithRedirect(params: AuthenticateWithRedirectParams): Promise<void> {
    const su = await this.create({
      strategy: params.strategy,
      redirectUrl: absoluteUrl(params.redirectUrl),
      ...(params.redirectUrlComplete !== undefined && {
        actionCompleteRedirectUrl: absoluteUrl(params.redirectUrlComplete),
      }),
    });
    await navigateToProvider(this.#core, su.verifications.externalAccount);
  }

  update(params: SignUpParams): Promise<SignUp> {
    return this.#send('PATCH', this.#path(), body(params));
  }

  prepareVerification(params: { strategy: 'email_code' }): Promise<SignUp> {
    return this.#send('POST', this.#path('/prepare_verification'), { strategy: params.strategy });
  }

  attemptVerification(params: { strategy: 'email_code'; code: string }): Promise<SignUp> {
    return this.#send('POST', this.#path('/attempt_verification'), { strategy: params.strategy, code: params.code });
  }

  /** Sends the email code. */
  prepareEmailAddressVerification(params: { strategy?: 'email_code' } = {}): Promise<SignUp> {
    return this.prepareVerification({ strategy: params.strategy ?? 'email_code' });
  }

  /** @example await signUp.attemptEmailAddressVerification({ code: '123456' }) */
  attemptEmailAddressVerification(params: { code: string }): Promise<SignUp> {
    return this.attemptVerification({ strategy: 'email_code', code: params.code });
  }

  reload(): Promise<SignUp> {
    return this.#send('GET', this.#path());
  }
}
