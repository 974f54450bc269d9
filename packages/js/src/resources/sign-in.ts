/**
 * A sign-in attempt, mirroring the Frontend API's state machine: `create` with the identifier
 * (and the password, to finish in one step), then `attemptFirstFactor` while the status is
 * `needs_first_factor`, then `prepareSecondFactor` + `attemptSecondFactor` while it is
 * `needs_client_trust` (a password on a browser the user never signed in on: an email code). At `complete`, `createdSessionId` is the new session, which the SDK
 * has already made the client's active one; `gatehouse.setActive({ session })` finishes the
 * job (cookies written, listeners told) before you navigate.
 */
import type { SignInObject } from '@gatehouse/shared/wire';
import { absoluteUrl, type ResourceCore } from '../core/core.ts';
import { type AuthenticateWithRedirectParams, navigateToProvider } from './oauth-redirect.ts';
import { createEmailLinkFlow, type EmailLinkFlow } from './sign-in-email-link.ts';
import { type AuthenticateWithPasskeyParams, authenticateWithPasskey } from './sign-in-passkey.ts';
import { Verification } from './verification.ts';

export type SignInStatus = SignInObject['status'];

export interface SignInFactor {
  strategy: string;
  safeIdentifier?: string;
  emailAddressId?: string;
  primary?: boolean | null;
  /** `phone_code`: the number's id, to pass to `prepareFirstFactor` / `prepareSecondFactor`. */
  phoneNumberId?: string;
  /** `phone_code` second factor: the user's default number. */
  default?: boolean;
}

export interface SignInCreateParams {
  identifier?: string;
  password?: string;
  strategy?: string;
  /** `oauth_*`: where the browser comes back to from the provider (absolute; see `authenticateWithRedirect`). */
  redirectUrl?: string;
  /** `oauth_*`: where the browser goes once the sign-in completed at the provider's callback. */
  actionCompleteRedirectUrl?: string;
  /**
   * Signs in the user a sign-up's provider account belongs to (its
   * `verifications.externalAccount.status` is `transferable`), in one request.
   */
  transfer?: boolean;
}

export type AttemptFirstFactorParams =
  | { strategy: 'password'; password: string }
  | { strategy: 'passkey'; publicKeyCredential: string }
  | { strategy: 'email_code' | 'phone_code' | (string & {}); code: string };

export interface PrepareFirstFactorParams {
  strategy: 'email_code' | 'email_link' | 'phone_code' | (string & {});
  emailAddressId?: string;
  /** `phone_code`: which number to text (from `supportedFirstFactors`; default: the one signed in with). */
  phoneNumberId?: string;
  redirectUrl?: string;
}

export interface PrepareSecondFactorParams {
  strategy: 'email_code' | 'phone_code' | (string & {});
  emailAddressId?: string;
  /** `phone_code`: the second-factor number to text (default: the user's default one). */
  phoneNumberId?: string;
}

export interface AttemptSecondFactorParams {
  strategy: 'email_code' | 'totp' | 'backup_code' | 'phone_code' | (string & {});
  code: string;
}

const factor = (f: NonNullable<SignInObject['supported_first_factors']>[number]): SignInFactor => ({
  strategy: f.strategy,
  ...(f.safe_identifier !== undefined && { safeIdentifier: f.safe_identifier }),
  ...(f.email_address_id !== undefined && { emailAddressId: f.email_address_id }),
  ...(f.primary !== undefined && { primary: f.primary }),
  ...(f.phone_number_id !== undefined && { phoneNumberId: f.phone_number_id }),
  ...(f.default !== undefined && { default: f.default }),
});

export class SignIn {
  /** Null until `create()`: the client has no sign-in in progress. */
  readonly id: string | null;
  readonly status: SignInStatus | null;
  readonly identifier: string | null;
  readonly supportedIdentifiers: string[];
  readonly supportedFirstFactors: SignInFactor[];
  readonly supportedSecondFactors: SignInFactor[];
  readonly firstFactorVerification: Verification | null;
  readonly secondFactorVerification: Verification | null;
  readonly userData: { firstName: string | null; lastName: string | null; imageUrl: string; hasImage: boolean } | null;
  readonly createdSessionId: string | null;
  readonly abandonAt: Date | null;
  readonly #core: ResourceCore;

  constructor(core: ResourceCore, data: SignInObject | null) {
    this.#core = core;
    this.id = data?.id ?? null;
    this.status = data?.status ?? null;
    this.identifier = data?.identifier ?? null;
    this.supportedIdentifiers = data?.supported_identifiers ?? [];
    this.supportedFirstFactors = (data?.supported_first_factors ?? []).map(factor);
    this.supportedSecondFactors = (data?.supported_second_factors ?? []).map(factor);
    this.firstFactorVerification = Verification.from(data?.first_factor_verification);
    this.secondFactorVerification = Verification.from(data?.second_factor_verification);
    const u = data?.user_data;
    this.userData = u
      ? { firstName: u.first_name, lastName: u.last_name, imageUrl: u.image_url, hasImage: u.has_image }
      : null;
    this.createdSessionId = data?.created_session_id ?? null;
    this.abandonAt = data ? new Date(data.abandon_at) : null;
  }

  #send = async (method: 'GET' | 'POST', path: string, body?: Record<string, unknown>) =>
    new SignIn(this.#core, await this.#core.fetch<SignInObject>({ method, path, ...(body && { body }) }));

  #path(suffix = ''): string {
    if (!this.id) throw new TypeError('This sign-in has not been created: call signIn.create() first.');
    return `/v1/client/sign_ins/${encodeURIComponent(this.id)}${suffix}`;
  }

  /**
   * Starts a sign-in. With a password it tries it at once.
   * @example const si = await gatehouse.signIn.create({ identifier: 'ada@example.com', password })
   */
  create(params: SignInCreateParams): Promise<SignIn> {
    return this.#send('POST', '/v1/client/sign_ins', {
      identifier: params.identifier,
      password: params.password,
      strategy: params.strategy,
      redirect_url: params.redirectUrl,
      action_complete_redirect_url: params.actionCompleteRedirectUrl,
      transfer: params.transfer,
    });
  }

  /**
   * Social sign-in: creates the sign-in with the provider's strategy and sends the browser to
   * the provider. Back at `redirectUrl`, `gatehouse.handleRedirectCallback()` carries on.
   * @example
   * await gatehouse.signIn.authenticateWithRedirect({
   *   strategy: 'oauth_google',
   *   redirectUrl: '/sign-in/sso-callback',
   *   redirectUrlComplete: '/dashboard',
   * })
   */
  async authenticateWithRedirect(params: AuthenticateWithRedirectParams): Promise<void> {
    const si = await this.create({
      strategy: params.strategy,
      redirectUrl: absoluteUrl(params.redirectUrl),
      ...(params.redirectUrlComplete !== undefined && {
        actionCompleteRedirectUrl: absoluteUrl(params.redirectUrlComplete),
      }),
    });
    await navigateToProvider(this.#core, si.firstFactorVerification);
  }

  /** @example await si.attemptFirstFactor({ strategy: 'password', password }) */
  attemptFirstFactor(params: AttemptFirstFactorParams): Promise<SignIn> {
    if (params.strategy === 'passkey' && 'publicKeyCredential' in params)
      return this.#send('POST', this.#path('/attempt_first_factor'), {
        strategy: 'passkey',
        public_key_credential: params.publicKeyCredential,
      });
    return this.#send('POST', this.#path('/attempt_first_factor'), { ...params });
  }

  /**
   * Signs in with a passkey (see `sign-in-passkey.ts` for the flows).
   * @example const si = await gatehouse.signIn.authenticateWithPasskey({ flow: 'discoverable' })
   */
  authenticateWithPasskey(params: AuthenticateWithPasskeyParams = {}): Promise<SignIn> {
    return authenticateWithPasskey<SignIn>(this, params);
  }

  /**
   * The magic-link flow: mail the link, then wait until it is opened.
   * @example
   * const si = await gatehouse.signIn.create({ identifier: email })
   * const { startEmailLinkFlow } = si.createEmailLinkFlow()
   * const done = await startEmailLinkFlow({ redirectUrl: `${location.origin}/verify` })
   */
  createEmailLinkFlow(opts: { pollIntervalMs?: number } = {}): EmailLinkFlow<SignIn> {
    return createEmailLinkFlow<SignIn>(this, opts);
  }

  /**
   * Sends a code (or starts a redirect flow) for factors that need one; passwords do not.
   * @example await si.prepareFirstFactor({ strategy: 'phone_code' }) // texts the number signed in with
   */
  prepareFirstFactor(params: PrepareFirstFactorParams): Promise<SignIn> {
    return this.#send('POST', this.#path('/prepare_first_factor'), {
      strategy: params.strategy,
      email_address_id: params.emailAddressId,
      phone_number_id: params.phoneNumberId,
      redirect_url: params.redirectUrl,
    });
  }

  /**
   * Sends the code of the second step: at `needs_client_trust` (a password on a browser this
   * user has not signed in on before) an email code to the account's address.
   * @example await si.prepareSecondFactor({ strategy: 'email_code' })
   */
  prepareSecondFactor(params: PrepareSecondFactorParams): Promise<SignIn> {
    return this.#send('POST', this.#path('/prepare_second_factor'), {
      strategy: params.strategy,
      email_address_id: params.emailAddressId,
      phone_number_id: params.phoneNumberId,
    });
  }

  /** @example await si.attemptSecondFactor({ strategy: 'email_code', code: '123456' }) */
  attemptSecondFactor(params: AttemptSecondFactorParams): Promise<SignIn> {
    return this.#send('POST', this.#path('/attempt_second_factor'), { strategy: params.strategy, code: params.code });
  }

  reload(): Promise<SignIn> {
    return this.#send('GET', this.#path());
  }
}
