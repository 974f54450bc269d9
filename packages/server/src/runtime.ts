/**
 * Wires the real dependencies from the deployment configuration: database (migrated), Redis
 * when configured, password hasher, mailer, signing keys, instance registry, rate limiter.
 * Used by `start`, by the CLI and by the test fixtures, so all three run the same parts.
 */

import { hkdfSync } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { Redis } from 'ioredis';
import pino, { type Logger } from 'pino';
import { createPwnedPasswordsClient } from './adapters/breach-check/pwned-passwords.ts';
import { createLocalBus, createRedisBus, type InvalidationBus } from './adapters/cache/invalidation-bus.ts';
import { createBotChallenge } from './adapters/captcha/bot-challenge.ts';
import { createDisposableDomains } from './adapters/disposable-domains/disposable-domains.ts';
import { createGeoLocator } from './adapters/geo/geo-locator.ts';
import { createMailer } from './adapters/mail/mailer.ts';
import { cachedTemplates } from './adapters/mail/template-cache.ts';
import { createOAuthGateway } from './adapters/oauth/oauth-gateway.ts';
import { type ClosablePasswordHasher, createPasswordHasher } from './adapters/password/password-hasher.ts';
import { createRateLimiter } from './adapters/rate-limit/rate-limiter.ts';
import { SigningKeyManager } from './adapters/signing/key-manager.ts';
import { createSecretBox, deriveSecretBoxKey } from './adapters/signing/secret-box.ts';
import { deriveKeyEncryptionKey } from './adapters/signing/signing-keys.ts';
import { createDevOutboxTransport } from './adapters/sms/dev-outbox-transport.ts';
import { createSmsSender } from './adapters/sms/sms-sender.ts';
import { createTwilioTransport } from './adapters/sms/twilio-transport.ts';
import { loadDeploymentSecret } from './config/deployment-secret.ts';
import type { ServerConfig } from './config/env.ts';
import { type Clock, systemClock } from './domain/clock.ts';
import { cryptoRandom } from './domain/random.ts';
import type { AppDeps } from './http/app-deps.ts';
import { loggerOptions } from './http/logging.ts';
import { InstanceRegistry } from './services/instance-registry.ts';
import { type OpenDatabase, openDatabase } from './storage/database.ts';
import { createKyselyStore } from './storage/kysely/store.ts';
import { migrateToLatest } from './storage/migrate.ts';

export interface Runtime {
  deps: AppDeps;
  database: OpenDatabase;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  logger?: Logger;
  clock?: Clock;
  /** Skip applying migrations (the CLI's `migrate` applies them itself). */
  migrate?: boolean;
  /** A hasher shared by several runtimes in one process (test servers); left open on close. */
  hasher?: ClosablePasswordHasher;
}

const deriveCodeKey = (secret: Uint8Array) =>
  new Uint8Array(hkdfSync('sha256', secret, 'gatehouse', 'one-time-code-hmac', 32));

export function secretFileFor(databaseUrl: string): string {
  if (databaseUrl.startsWith('sqlite:') && databaseUrl !== 'sqlite::memory:')
    return resolve(dirname(resolve(databaseUrl.slice('sqlite:'.length))), 'secret.key');
  return resolve('.gatehouse', 'secret.key');
}

export async function createRuntime(config: ServerConfig, opts: RuntimeOptions = {}): Promise<Runtime> {
  const logger = opts.logger ?? pino(loggerOptions(config.logLevel));
  const clock = opts.clock ?? systemClock;
  const secret = loadDeploymentSecret(config.secret, secretFileFor(config.databaseUrl), (m) => logger.warn(m));
  const database = openDatabase(config.databaseUrl);
  if (opts.migrate !== false) await migrateToLatest(database.db);
  const store = createKyselyStore(database.db);

  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2, lazyConnect: false }) : null;
  const bus: InvalidationBus = redis ? await createRedisBus(redis) : createLocalBus();
  const keys = new SigningKeyManager({ store, random: cryptoRandom, clock, kek: deriveKeyEncryptionKey(secret), bus });
  const hasher =
    opts.hasher ?? createPasswordHasher({ concurrency: config.hashConcurrency, cost: config.passwordHashCost });
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    devMailbox: store.devMailbox,
    templates: cachedTemplates(store.emailTemplates, clock, bus),
    clock,
    random: cryptoRandom,
    logger,
  });

  const sms = createSmsSender({
    devOutbox: createDevOutboxTransport({ outbox: store.devSmsOutbox, clock, random: cryptoRandom }),
    provider: config.twilio ? createTwilioTransport(config.twilio) : null,
    logger,
  });

  const geo = createGeoLocator({ databasePath: config.geoipDatabasePath ?? null });

  const deps: AppDeps = {
    clock,
    random: cryptoRandom,
    store,
    hasher,
    mailer,
    signer: keys,
    codeKey: deriveCodeKey(secret),
    geo,
    pwnedPasswords: createPwnedPasswordsClient(logger),
    botChallenge: createBotChallenge({ store, clock, secret, logger }),
    disposableDomains: createDisposableDomains(logger),
    sms,
    registry: new InstanceRegistry(store, clock, bus),
    keys,
    rateLimiter: createRateLimiter(redis),
    secretBox: createSecretBox(deriveSecretBoxKey(secret)),
    oauth: createOAuthGateway(config.oauth ?? { baseUrls: {}, devCredentials: {} }),
    logger,
  };

  return {
    deps,
    database,
    async close() {
      mailer.close();
      if (!opts.hasher) await hasher.close(); // a shared one is its owner's to close
      await bus.close();
      if (redis) await redis.quit();
      await database.close();
    },
  };
}
