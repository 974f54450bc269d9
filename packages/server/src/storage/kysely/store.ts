import type { Kysely } from 'kysely';
import type { Store } from '../../domain/store.ts';
import type { Database } from '../schema.ts';
import { KyselyCaptchaRedemptionRepository } from './captcha-redemption-repository.ts';
import { KyselyClientRepository } from './client-repository.ts';
import { devMailboxRepository, devSmsOutboxRepository } from './dev-outbox-repository.ts';
import { KyselyEmailLinkTokenRepository } from './email-link-token-repository.ts';
import { KyselyEmailTemplateRepository } from './email-template-repository.ts';
import { KyselyExpiredRecordRepository } from './expired-record-repository.ts';
import { KyselyExternalAccountRepository } from './external-account-repository.ts';
import { KyselyIdentifierLockoutRepository } from './identifier-lockout-repository.ts';
import { KyselyInstanceRepository } from './instance-repository.ts';
import { KyselyMfaRepository } from './mfa-repository.ts';
import { KyselyOAuthStateRepository } from './oauth-state-repository.ts';
import { KyselyPasskeyRepository } from './passkey-repository.ts';
import { KyselyPhoneNumberRepository } from './phone-number-repository.ts';
import { KyselyRestrictionRepository } from './restriction-repository.ts';
import { KyselySecretKeyRepository } from './secret-key-repository.ts';
import { KyselySessionRepository } from './session-repository.ts';
import { KyselySignInRepository } from './sign-in-repository.ts';
import { KyselySignUpRepository } from './sign-up-repository.ts';
import { KyselySigningKeyRepository } from './signing-key-repository.ts';
import { KyselyUnauthorizedSignInLinkRepository } from './unauthorized-sign-in-link-repository.ts';
import { KyselyUserRepository } from './user-repository.ts';
import { KyselyVerificationCodeRepository } from './verification-code-repository.ts';

/** The Kysely implementation of the domain's storage port, for SQLite and PostgreSQL alike. */
export function createKyselyStore(db: Kysely<Database>, inTransaction = false): Store {
  const store: Store = {
    instances: new KyselyInstanceRepository(db),
    secretKeys: new KyselySecretKeyRepository(db),
    signingKeys: new KyselySigningKeyRepository(db),
    users: new KyselyUserRepository(db),
    clients: new KyselyClientRepository(db),
    sessions: new KyselySessionRepository(db),
    signIns: new KyselySignInRepository(db),
    signUps: new KyselySignUpRepository(db),
    codes: new KyselyVerificationCodeRepository(db),
    devMailbox: devMailboxRepository(db),
    devSmsOutbox: devSmsOutboxRepository(db),
    phoneNumbers: new KyselyPhoneNumberRepository(db),
    restrictions: new KyselyRestrictionRepository(db),
    captchaRedemptions: new KyselyCaptchaRedemptionRepository(db),
    identifierLockouts: new KyselyIdentifierLockoutRepository(db),
    expiredRecords: new KyselyExpiredRecordRepository(db),
    unauthorizedSignInLinks: new KyselyUnauthorizedSignInLinkRepository(db),
    emailLinkTokens: new KyselyEmailLinkTokenRepository(db),
    passkeys: new KyselyPasskeyRepository(db),
    externalAccounts: new KyselyExternalAccountRepository(db),
    oauthStates: new KyselyOAuthStateRepository(db),
    emailTemplates: new KyselyEmailTemplateRepository(db),
    mfa: new KyselyMfaRepository(db),
    transaction: (fn) =>
      inTransaction ? fn(store) : db.transaction().execute((trx) => fn(createKyselyStore(trx, true))),
  };
  return store;
}
