/**
 * Deployment configuration from environment variables, validated once at start-up. A bad
 * value stops the process with a message naming the variable (a TypeError), never a request.
 * The variables are listed in `ENV_VARS` below (also the source of docs/configuration.md).
 */

import { NAMED_OAUTH_PROVIDERS } from '@gatehouse/shared';
import { argon2OptionsFor, type PasswordHashCost } from '../adapters/password/password-hasher.ts';
import type { TwilioConfig } from '../adapters/sms/twilio-transport.ts';
import { DEFAULT_DATABASE_URL } from '../storage/database.ts';

/** Every environment variable the server reads, with its default; docs/configuration.md is generated from it. */
export const ENV_VARS: readonly { name: string; default: string | null; description: string }[] = [
  { name: 'PORT', default: '3000', description: 'The port the server listens on (0 to 65535).' },
  { name: 'HOST', default: 'localhost', description: 'The address the server listens on.' },
  {
    name: 'DATABASE_URL',
    default: DEFAULT_DATABASE_URL,
    description: '`sqlite:<path>` (the embedded database) or `postgres://...`.',
  },
  { name: 'REDIS_URL', default: null, description: 'Shared rate limits and cache invalidation across nodes.' },
  {
    name: 'SMTP_URL',
    default: null,
    description: '`smtp(s)://user:pass@host:port`; without it, development mail stays in the dev mailbox.',
  },
  {
    name: 'TWILIO_ACCOUNT_SID',
    default: null,
    description:
      'Twilio (or compatible) account for production text messages; with `TWILIO_AUTH_TOKEN` and `TWILIO_FROM`. ' +
      'Unset, production instances cannot send SMS codes (`sms_delivery_failed`); development ones keep them in the dev outbox.',
  },
  { name: 'TWILIO_AUTH_TOKEN', default: null, description: 'The account auth token (HTTP Basic password).' },
  {
    name: 'TWILIO_FROM',
    default: null,
    description: 'The sender: a number in E.164, or a Messaging Service SID (`MG...`, sent as `MessagingServiceSid`).',
  },
  {
    name: 'TWILIO_API_BASE_URL',
    default: 'https://api.twilio.com',
    description: 'Base URL of a service speaking the Twilio Messages API.',
  },
  {
    name: 'GATEHOUSE_SECRET',
    default: null,
    description:
      '>= 32 random bytes (hex or base64): encrypts signing keys, keys code hashes. The same on every node. ' +
      'Unset, a development secret is generated beside the embedded database, with a warning.',
  },
  {
    name: 'GATEHOUSE_FRONTEND_API_URL',
    default: 'http://localhost:PORT',
    description: "The first instance's Frontend API URL.",
  },
  {
    name: 'TRUST_PROXY',
    default: 'false',
    description: '`false`, `true`, a hop count, or a comma list of proxy CIDRs.',
  },
  {
    name: 'GEOIP_DATABASE_PATH',
    default: null,
    description:
      'An MMDB file (DB-IP or MaxMind City/Country) for IP geolocation instead of the bundled DB-IP Lite City ' +
      'database (CC BY 4.0, https://db-ip.com): point it at a newer file without a release.',
  },
  {
    name: 'PASSWORD_HASH_CONCURRENCY',
    default: null,
    description: 'Parallel password hashes (1 to 64); unset, one fewer than the CPUs, at least 1.',
  },
  {
    name: 'PASSWORD_HASH_COST',
    default: 'production',
    description:
      "argon2id's cost: `production` (19 MiB, 2 passes). `test-minimum` (the library's floor) is for test runs only: refused unless `NODE_ENV=test`.",
  },
  {
    name: 'GATEHOUSE_OAUTH_<ID>_BASE_URL',
    default: null,
    description:
      'Moves a named social provider (`<ID>`: `GOOGLE`, `GITHUB`, ...) for the whole deployment: an OpenID Connect ' +
      "provider's issuer, or the host of an OAuth 2.0 one (GitHub: a GitHub Enterprise Server). See docs/social-sign-in.md.",
  },
  {
    name: 'GATEHOUSE_DEV_OAUTH_<ID>_CLIENT_ID',
    default: null,
    description:
      'Development credentials of a social provider, used by development instances that set no `client_id` of their own; with `GATEHOUSE_DEV_OAUTH_<ID>_CLIENT_SECRET`.',
  },
  {
    name: 'GATEHOUSE_DEV_OAUTH_<ID>_CLIENT_SECRET',
    default: null,
    description: 'See `GATEHOUSE_DEV_OAUTH_<ID>_CLIENT_ID`.',
  },
  {
    name: 'LOG_LEVEL',
    default: 'info',
    description: 'pino level: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`.',
  },
];

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string | null;
  smtpUrl: string | null;
  secret: string | null;
  frontendApiUrl: string | null;
  trustProxy: boolean | number | string[];
  hashConcurrency: number | undefined;
  /** `PASSWORD_HASH_COST`: `production` (always, outside test runs) or `test-minimum`. */
  passwordHashCost?: PasswordHashCost;
  logLevel: string;
  /** `TWILIO_*`: the SMS provider of production instances; null or absent, none. */
  twilio?: TwilioConfig | null;
  /** `GEOIP_DATABASE_PATH`; unset, the bundled database. */
  geoipDatabasePath?: string | null;
  /** `GATEHOUSE_OAUTH_*` and `GATEHOUSE_DEV_OAUTH_*`: where providers are, and development credentials. */
  oauth?: OAuthDeploymentConfig;
}

export interface OAuthDeploymentConfig {
  /** By provider id (`google`): the base URL that replaces the provider's own. */
  baseUrls: Record<string, string>;
  /** By provider id: credentials development instances use when they set none. */
  devCredentials: Record<string, { clientId: string; clientSecret: string }>;
}

/** Reads `GATEHOUSE_OAUTH_<ID>_BASE_URL` and `GATEHOUSE_DEV_OAUTH_<ID>_CLIENT_ID/_SECRET` for every named provider. */
export function oauthConfig(env: NodeJS.ProcessEnv): OAuthDeploymentConfig {
  const out: OAuthDeploymentConfig = { baseUrls: {}, devCredentials: {} };
  for (const { id } of NAMED_OAUTH_PROVIDERS) {
    const key = id.toUpperCase();
    const base = env[`GATEHOUSE_OAUTH_${key}_BASE_URL`];
    if (base) {
      if (!/^https?:\/\//.test(base) || !URL.canParse(base))
        throw new TypeError(`GATEHOUSE_OAUTH_${key}_BASE_URL must be an http(s) URL`);
      out.baseUrls[id] = base.replace(/\/+$/, '');
    }
    const clientId = env[`GATEHOUSE_DEV_OAUTH_${key}_CLIENT_ID`];
    const clientSecret = env[`GATEHOUSE_DEV_OAUTH_${key}_CLIENT_SECRET`];
    if (!clientId && !clientSecret) continue;
    if (!clientId || !clientSecret)
      throw new TypeError(`GATEHOUSE_DEV_OAUTH_${key}_CLIENT_ID and _CLIENT_SECRET must be set together`);
    out.devCredentials[id] = { clientId, clientSecret };
  }
  return out;
}

const int = (name: string, v: string | undefined, min: number, max: number): number | undefined => {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new TypeError(`${name} must be an integer from ${min} to ${max}`);
  return n;
};

function twilio(env: NodeJS.ProcessEnv): TwilioConfig | null {
  const sid = env.TWILIO_ACCOUNT_SID || null;
  const token = env.TWILIO_AUTH_TOKEN || null;
  const from = env.TWILIO_FROM || null;
  if (!sid && !token && !from) return null;
  if (!sid || !token || !from)
    throw new TypeError('TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM must be set together');
  const apiBaseUrl = env.TWILIO_API_BASE_URL || 'https://api.twilio.com';
  if (!/^https?:\/\//.test(apiBaseUrl) || !URL.canParse(apiBaseUrl))
    throw new TypeError('TWILIO_API_BASE_URL must be an http(s) URL');
  return { accountSid: sid, authToken: token, from, apiBaseUrl };
}

function passwordHashCost(v: string | undefined): PasswordHashCost {
  if (v === undefined || v === '' || v === 'production') return 'production';
  if (v !== 'test-minimum') throw new TypeError('PASSWORD_HASH_COST must be production or test-minimum');
  argon2OptionsFor(v); // refuses outside NODE_ENV=test
  return v;
}

function trustProxy(v: string | undefined): boolean | number | string[] {
  if (v === undefined || v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(',').map((s) => s.trim());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = int('PORT', env.PORT, 0, 65535) ?? 3000;
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!levels.includes(logLevel)) throw new TypeError(`LOG_LEVEL must be one of ${levels.join(', ')}`);
  return {
    port,
    host: env.HOST || 'localhost',
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL,
    redisUrl: env.REDIS_URL || null,
    smtpUrl: env.SMTP_URL || null,
    secret: env.GATEHOUSE_SECRET || null,
    frontendApiUrl: env.GATEHOUSE_FRONTEND_API_URL || null,
    trustProxy: trustProxy(env.TRUST_PROXY),
    hashConcurrency: int('PASSWORD_HASH_CONCURRENCY', env.PASSWORD_HASH_CONCURRENCY, 1, 64),
    passwordHashCost: passwordHashCost(env.PASSWORD_HASH_COST),
    logLevel,
    geoipDatabasePath: env.GEOIP_DATABASE_PATH || null,
    twilio: twilio(env),
    oauth: oauthConfig(env),
  };
}
