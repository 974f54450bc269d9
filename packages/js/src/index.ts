/**
 * @gatehouse/js: Gatehouse in the browser (and in Node or native apps) without a framework.
 * @example
 * import { Gatehouse } from '@gatehouse/js';
 * const gatehouse = new Gatehouse('pk_test_...');
 * await gatehouse.load();
 * const signIn = await gatehouse.signIn.create({ identifier: 'ada@example.com', password });
 * if (signIn.status === 'complete') await gatehouse.setActive({ session: signIn.createdSessionId });
 * // Social sign-in: to the provider, then back on the callback page
 * await gatehouse.signIn.authenticateWithRedirect({ strategy: 'oauth_google', redirectUrl: '/sso-callback', redirectUrlComplete: '/' });
 * await gatehouse.handleRedirectCallback({ redirectUrlComplete: '/' });
 */
export type { GetTokenOptions } from './core/core.ts';
export type { GatehouseOptions } from './core/options.ts';
export { frontendApiFromPublishableKey } from './core/publishable-key.ts';
export {
  GatehouseAPIError,
  type GatehouseAPIErrorEntry,
  GatehouseNetworkError,
  isGatehouseAPIError,
  isGatehouseNetworkError,
  isReverificationRequired,
  isSignedOutError,
  type ReverificationRequirement,
  reverificationRequirement,
} from './errors.ts';
export { Gatehouse, type GatehouseState, type Listener } from './gatehouse.ts';
export { Client } from './resources/client.ts';
export { type DeletedObject, EmailAddress } from './resources/email-address.ts';
export {
  type Attribute,
  type AttributeName,
  type AuthConfig,
  type DisplayConfig,
  Environment,
  type SocialProvider,
  type UserSettings,
} from './resources/environment.ts';
export {
  type CreateExternalAccountParams,
  ExternalAccount,
  type ReauthorizeExternalAccountParams,
} from './resources/external-account.ts';
export type { AuthenticateWithRedirectParams, OAuthStrategy } from './resources/oauth-redirect.ts';
export { Passkey } from './resources/passkey.ts';
export { PhoneNumber } from './resources/phone-number.ts';
export type { HandleOAuthCallbackParams, RedirectCallbackResult } from './resources/redirect-callback.ts';
export {
  type AttemptFirstFactorVerificationParams,
  type AttemptSecondFactorVerificationParams,
  type PrepareSecondFactorVerificationParams,
  type PublicUserData,
  Session,
} from './resources/session.ts';
export {
  SessionVerification,
  type SessionVerificationFactor,
  type SessionVerificationLevel,
  type SessionVerificationStatus,
} from './resources/session-verification.ts';
export {
  type SessionActivity,
  type SessionStatus,
  SessionWithActivities,
} from './resources/session-with-activities.ts';
export {
  type AttemptFirstFactorParams,
  type AttemptSecondFactorParams,
  type PrepareFirstFactorParams,
  type PrepareSecondFactorParams,
  SignIn,
  type SignInCreateParams,
  type SignInFactor,
  type SignInStatus,
} from './resources/sign-in.ts';
export {
  createEmailLinkFlow,
  type EmailLinkFlow,
  type StartEmailLinkFlowParams,
  waitForEmailLink,
} from './resources/sign-in-email-link.ts';
export {
  type AuthenticateWithPasskeyParams,
  authenticateWithPasskey,
  isPasskeyAutofillSupported,
} from './resources/sign-in-passkey.ts';
export { SignUp, type SignUpParams, type SignUpStatus } from './resources/sign-up.ts';
export { BackupCode, TOTP } from './resources/totp.ts';
export { type UpdatePasswordParams, type UpdateUserParams, User } from './resources/user.ts';
export { SignUpVerification, Verification, type VerificationStatus } from './resources/verification.ts';
export { type ClientTokenStore, memoryTokenStore } from './transport/client-token-store.ts';
export type { RetryOptions } from './transport/retry.ts';
