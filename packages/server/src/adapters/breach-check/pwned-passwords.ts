/**
 * HaveIBeenPwned's Pwned Passwords range API, by k-anonymity: only the first 5 hex characters
 * of the password's SHA-1 leave the server (`GET {base}/range/{PREFIX}`); the answer lists
 * every known suffix under that prefix as `SUFFIX:COUNT` lines, and the match is made here.
 * `Add-Padding: true` asks for padding entries (count 0) so the response size does not hint
 * at the prefix; they are ignored.
 * Any failure (network, timeout, non-200) answers null: the caller fails open and this logs a
 * warning without the password, its hash or its prefix.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { BreachedPasswordService } from '../../domain/ports.ts';

export function createPwnedPasswordsClient(logger: Pick<Logger, 'warn'>): BreachedPasswordService {
  return {
    async isPwned(password, { apiBaseUrl, timeoutMs }) {
      const sha1 = createHash('sha1').update(password, 'utf8').digest('hex').toUpperCase();
      const prefix = sha1.slice(0, 5);
      const suffix = sha1.slice(5);
      try {
        const res = await fetch(`${apiBaseUrl.replace(/\/+$/, '')}/range/${prefix}`, {
          headers: { 'Add-Padding': 'true', 'User-Agent': 'Gatehouse' },
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
        if (!res.ok) {
          await res.body?.cancel();
          logger.warn({ status: res.status }, 'pwned passwords check failed open: unexpected status');
          return null;
        }
        const body = await res.text();
        for (const line of body.split('\n')) {
          const [candidate, count] = line.trim().split(':');
          if (candidate?.toUpperCase() === suffix) return Number(count) > 0;
        }
        return false;
      } catch (err) {
        logger.warn({ err: { name: (err as Error).name } }, 'pwned passwords check failed open: no answer');
        return null;
      }
    },
  };
}
