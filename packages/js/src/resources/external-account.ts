/**
 * A social account connected to the signed-in user (Clerk's `ExternalAccountResource`): the
 * provider, the account's email and names as the provider gave them, and its verification.
 * New ones come from `user.createExternalAccount()`, whose `verification.externalVerificationRedirectURL`
 * is the provider's page to send the browser to; `reauthorize()` asks for more scopes the same
 * way; `destroy()` disconnects it (never the user's last way to sign in).
 */
import type { ExternalAccountObject } from '@gatehouse/shared/wire';
import { absoluteUrl, currentPageUrl, meQuery, type ResourceCore } from '../core/core.ts';
import type { DeletedObject } from './identification.ts';
import type { OAuthStrategy } from './oauth-redirect.ts';
import { Verification } from './verification.ts';

export interface CreateExternalAccountParams {
  strategy: OAuthStrategy;
  /** Where the browser comes back to once the provider answered (default: the current page). */
  redirectUrl?: string;
  /** Scopes to ask for besides the instance's (sent space-separated). */
  additionalScopes?: string[];
}

export interface ReauthorizeExternalAccountParams {
  /** Where the browser comes back to once the provider answered (default: the current page). */
  redirectUrl?: string;
  additionalScopes?: string[];
}

/** The body of a connect or reauthorize request. */
export const connectBody = (p: { redirectUrl?: string | undefined; additionalScopes?: string[] | undefined }) => {
  const redirect = p.redirectUrl ?? currentPageUrl();
  return {
    redirect_url: redirect === undefined ? undefined : absoluteUrl(redirect),
    additional_scope: p.additionalScopes?.length ? p.additionalScopes.join(' ') : undefined,
  };
};

export class ExternalAccount {
  readonly id: string;
  readonly identificationId: string;
  /** The provider as Clerk names it: the strategy without `oauth_` (`google`, `custom_acme`). */
  readonly provider: string;
  /** The strategy: `oauth_google`, `oauth_custom_acme` (the key of `environment.userSettings.social`). */
  readonly strategy: OAuthStrategy;
  readonly providerUserId: string;
  readonly emailAddress: string;
  /** The scopes the provider granted. */
  readonly approvedScopes: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly imageUrl: string;
  readonly username: string | null;
  readonly phoneNumber: string | null;
  readonly publicMetadata: Record<string, unknown>;
  readonly label: string | null;
  /** `verified` once connected; `unverified` while the provider round trip is pending; `failed` with its `error`. */
  readonly verification: Verification | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly #core: ResourceCore;
  readonly #sessionId: string | null;

  constructor(core: ResourceCore, data: ExternalAccountObject, sessionId: string | null) {
    this.#core = core;
    this.#sessionId = sessionId;
    this.id = data.id;
    this.identificationId = data.identification_id;
    this.strategy = data.provider as OAuthStrategy;
    this.provider = data.provider.replace(/^oauth_/, '');
    this.providerUserId = data.provider_user_id;
    this.emailAddress = data.email_address;
    this.approvedScopes = data.approved_scopes;
    this.firstName = data.first_name;
    this.lastName = data.last_name;
    this.imageUrl = data.image_url;
    this.username = data.username;
    this.phoneNumber = data.phone_number;
    this.publicMetadata = data.public_metadata;
    this.label = data.label;
    this.verification = Verification.from(data.verification);
    this.createdAt = new Date(data.created_at);
    this.updatedAt = new Date(data.updated_at);
  }

  #path = (suffix = '') => `/v1/me/external_accounts/${encodeURIComponent(this.id)}${suffix}`;

  get isVerified(): boolean {
    return this.verification?.status === 'verified';
  }

  /** Clerk's name for `provider`. */
  providerSlug(): string {
    return this.provider;
  }

  /** What identifies the account at the provider: its username, else its email, else its id. */
  accountIdentifier(): string {
    return this.username || this.emailAddress || this.providerUserId;
  }

  /**
   * Asks the provider again (more scopes, or a connection whose verification is not verified):
   * send the browser to the answer's `verification.externalVerificationRedirectURL`.
   * @example
   * const again = await account.reauthorize({ additionalScopes: ['repo'] })
   * location.assign(again.verification!.externalVerificationRedirectURL!.href)
   */
  async reauthorize(params: ReauthorizeExternalAccountParams = {}): Promise<ExternalAccount> {
    const data = await this.#core.fetch<ExternalAccountObject>({
      method: 'PATCH',
      path: this.#path('/reauthorize'),
      query: meQuery(this.#sessionId),
      body: connectBody(params),
    });
    return new ExternalAccount(this.#core, data, this.#sessionId);
  }

  /** Disconnects it; refused (`external_account_last_sign_in_method`) when it is the user's only way to sign in. */
  destroy(): Promise<DeletedObject> {
    return this.#core.fetch<DeletedObject>({ method: 'DELETE', path: this.#path(), query: meQuery(this.#sessionId) });
  }
}
