/**
 * The storage port: what the domain needs from persistence, and nothing about SQL.
 * `storage/kysely/*` implements it for SQLite and PostgreSQL and proves it at compile time.
 *
 * Every method takes the instance id; no query can cross instances.
 * Methods named `...If...` are conditional writes: they return false when the condition no
 * longer held (another request got there first), which is how races are decided.
 *
 * The ports live beside the domain they serve; this module gathers them into one `Store` (and
 * re-exports their types, so a caller names one module).
 */

import type { ClientRepository } from './clients/repository.ts';
import type { ExpiredRecordRepository } from './expired-record-repository.ts';
import type { ExternalAccountRepository, OAuthStateRepository } from './external-accounts/repository.ts';
import type { DevMailboxRepository, DevSmsOutboxRepository } from './instances/dev-outbox-repositories.ts';
import type { EmailTemplateRepository } from './instances/email-template-repository.ts';
import type { InstanceRepository, SecretKeyRepository, SigningKeyRepository } from './instances/repositories.ts';
import type { MfaRepository } from './mfa/repository.ts';
import type { PasskeyRepository } from './passkeys/repository.ts';
import type { SessionRepository } from './sessions/repository.ts';
import type { UnauthorizedSignInLinkRepository } from './sessions/unauthorized-sign-in-link-repository.ts';
import type { EmailLinkTokenRepository } from './sign-in/email-link-token-repository.ts';
import type { SignInRepository } from './sign-in/repository.ts';
import type { CaptchaRedemptionRepository } from './sign-up/captcha-redemption-repository.ts';
import type { SignUpRepository } from './sign-up/repository.ts';
import type { IdentifierLockoutRepository, PhoneNumberRepository, UserRepository } from './users/repositories.ts';
import type { RestrictionRepository } from './users/restriction-repository.ts';
import type { VerificationCodeRepository } from './verification/repository.ts';

export type * from './clients/repository.ts';
export type * from './expired-record-repository.ts';
export type * from './external-accounts/repository.ts';
export type * from './instances/dev-outbox-repositories.ts';
export type * from './instances/email-template-repository.ts';
export type * from './instances/repositories.ts';
export type * from './mfa/repository.ts';
export type * from './passkeys/repository.ts';
export type * from './sessions/repository.ts';
export type * from './sessions/unauthorized-sign-in-link-repository.ts';
export type * from './sign-in/email-link-token-repository.ts';
export type * from './sign-in/repository.ts';
export type * from './sign-up/captcha-redemption-repository.ts';
export type * from './sign-up/repository.ts';
export type * from './users/repositories.ts';
export type * from './users/restriction-repository.ts';
export type * from './verification/repository.ts';

export interface Store {
  instances: InstanceRepository;
  secretKeys: SecretKeyRepository;
  signingKeys: SigningKeyRepository;
  users: UserRepository;
  clients: ClientRepository;
  sessions: SessionRepository;
  signIns: SignInRepository;
  signUps: SignUpRepository;
  codes: VerificationCodeRepository;
  devMailbox: DevMailboxRepository;
  devSmsOutbox: DevSmsOutboxRepository;
  phoneNumbers: PhoneNumberRepository;
  restrictions: RestrictionRepository;
  captchaRedemptions: CaptchaRedemptionRepository;
  identifierLockouts: IdentifierLockoutRepository;
  expiredRecords: ExpiredRecordRepository;
  unauthorizedSignInLinks: UnauthorizedSignInLinkRepository;
  emailLinkTokens: EmailLinkTokenRepository;
  passkeys: PasskeyRepository;
  externalAccounts: ExternalAccountRepository;
  oauthStates: OAuthStateRepository;
  emailTemplates: EmailTemplateRepository;
  mfa: MfaRepository;
  /** Runs `fn` in one database transaction; inside, `store` is bound to it. Nested calls join the outer one. */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
}
