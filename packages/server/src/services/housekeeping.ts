/**
 * The housekeeping sweep: one-time codes, sign-in and sign-up flows, sign-in links,
 * "This wasn't me" links and the lockouts of unknown identifiers are useless once expired, but
 * they would pile up forever. Each node
 * deletes them a week after they expired (long enough for a late click to still be told
 * "expired" rather than "invalid"), in bounded batches so a sweep never holds a long lock.
 * Nodes sweep independently: deletes are idempotent, so two nodes sweeping at once only
 * share the work. The first sweep waits a random part of the interval, so nodes started
 * together do not sweep together.
 */
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import type { ExpiringRecord, Store } from '../domain/store.ts';

export const RETENTION_AFTER_EXPIRY_MS = 7 * 24 * 60 * 60 * 1000;
const DEFAULT_INTERVAL_MS = 15 * 60 * 1000;
const BATCH = 1000;
/** At most this many batches per kind and sweep; the rest waits for the next sweep. */
const MAX_BATCHES = 20;

const KINDS: readonly ExpiringRecord[] = [
  'verification_codes',
  'sign_ins',
  'sign_ups',
  'email_link_tokens',
  'oauth_states',
  'unauthorized_sign_in_links',
  'identifier_lockouts',
];

export interface HousekeepingDeps {
  store: Pick<Store, 'expiredRecords'>;
  clock: Clock;
}

/** Deletes what expired more than the retention ago; returns how many rows of each kind went. */
export async function sweepExpired(deps: HousekeepingDeps): Promise<Record<ExpiringRecord, number>> {
  const before = deps.clock.now() - RETENTION_AFTER_EXPIRY_MS;
  const deleted = {} as Record<ExpiringRecord, number>;
  for (const kind of KINDS) {
    deleted[kind] = 0;
    for (let i = 0; i < MAX_BATCHES; i++) {
      const n = await deps.store.expiredRecords.deleteExpired(kind, before, BATCH);
      deleted[kind] += n;
      if (n < BATCH) break;
    }
  }
  return deleted;
}

/** Sweeps every `intervalMs` until stopped; a failed sweep is logged and retried next time. */
export function startHousekeeping(
  deps: HousekeepingDeps & { logger: Logger },
  opts: { intervalMs?: number } = {},
): { stop(): void } {
  const interval = opts.intervalMs ?? DEFAULT_INTERVAL_MS;
  let timer: NodeJS.Timeout;
  const schedule = (delay: number) => {
    timer = setTimeout(run, delay);
    timer.unref();
  };
  const run = async () => {
    try {
      const deleted = await sweepExpired(deps);
      if (Object.values(deleted).some((n) => n > 0))
        deps.logger.info({ deleted }, 'housekeeping: expired rows deleted');
    } catch (err) {
      deps.logger.warn({ err }, 'housekeeping sweep failed');
    }
    schedule(interval);
  };
  schedule(Math.floor(Math.random() * interval));
  return { stop: () => clearTimeout(timer) };
}
