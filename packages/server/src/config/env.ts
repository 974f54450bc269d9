/**
 * Deployment configuration from environment variables, validated once at start-up. A bad
 * value stops the process with a message naming the variable (a TypeError), never a request.
 *
 *   PORT (3000), HOST (localhost)        where the server listens
 *   DATABASE_URL                         sqlite:<path> (default sqlite:./.gatehouse/gatehouse.db) or postgres://...
 *   REDIS_URL                            shared rate limits and cache invalidation across nodes
 *   SMTP_URL                             smtp(s)://user:pass@host:port; without it, development mail stays in the dev mailbox
 *   GATEHOUSE_SECRET                     >= 32 random bytes (hex or base64): encrypts signing keys, keys code hashes
 *   GATEHOUSE_FRONTEND_API_URL           the first instance's Frontend API URL (default http://localhost:PORT)
 *   TRUST_PROXY                          false (default), true, a hop count, or a comma list of proxy CIDRs
 *   PASSWORD_HASH_CONCURRENCY            parallel password hashes (default: CPUs - 1, at least 1)
 *   LOG_LEVEL                            pino level (info)
 */
import { DEFAULT_DATABASE_URL } from '../storage/database.ts';

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
  logLevel: string;
}

const int = (name: string, v: string | undefined, min: number, max: number): number | undefined => {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new TypeError(`${name} must be an integer from ${min} to ${max}`);
  return n;
};

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
    logLevel,
  };
}
