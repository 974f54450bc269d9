/**
 * Rate limits that need more than the request line, and the one way every limit refuses:
 * `429 too_many_requests` with `Retry-After` (set by `http/errors.ts` from the meta).
 *
 * - Per identifier: sign-in and sign-up steps naming one email address or username share a
 *   budget whatever IP they come from, so a botnet gains nothing by spreading guesses at one
 *   account. Keys hold a hash of the identifier, never the address itself (Redis is shared).
 * - Identifier probes (`bulk` enumeration mode): each answer that tells an identifier has no
 *   account (sign-in) or is taken (sign-up) costs the IP a point; once the IP's points are
 *   spent, every step naming an identifier answers 429 *before* the lookup, known or not, so
 *   the refusal itself tells nothing.
 *
 * Counters live in the shared limiter (`adapters/rate-limit`): in memory on one node, in
 * Redis when `REDIS_URL` is set, so every node draws from one budget.
 */
import { createHash } from 'node:crypto';
import { GatehouseError, isGatehouseError } from '@gatehouse/shared';
import type { RateLimit } from '../../adapters/rate-limit/rate-limiter.ts';
import type { FlowContext } from '../../domain/flow-context.ts';
import type { AppDeps } from '../app-deps.ts';

const tooMany = (retryAfterMs: number) =>
  new GatehouseError('too_many_requests', {
    meta: { retry_after_seconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) },
  });

/** Takes a point from `key`'s budget in `bucket`, or throws `too_many_requests`. */
export async function charge(deps: Pick<AppDeps, 'rateLimiter'>, bucket: string, key: string, limit: RateLimit) {
  const d = await deps.rateLimiter.consume(bucket, key, limit);
  if (!d.allowed) throw tooMany(d.retryAfterMs);
}

const identifierKey = (ctx: Pick<FlowContext, 'instance' | 'request'>, identifier: string) =>
  `${ctx.instance.id}:${createHash('sha256').update(identifier).digest('base64url')}`;

/** Charges one step to the identifier's budget (any IP). `identifier` must be normalized. */
export async function limitIdentifier(
  deps: Pick<AppDeps, 'rateLimiter'>,
  ctx: Pick<FlowContext, 'instance' | 'request'>,
  identifier: string | null,
) {
  const rl = ctx.instance.settings.attack_protection.rate_limits;
  if (!rl.enabled || identifier === null || identifier === '') return;
  await charge(deps, 'identifier', identifierKey(ctx, identifier), {
    points: rl.attempts_per_identifier_per_minute,
    windowSeconds: 60,
  });
}

/** Answers that tell whether an identifier has an account. */
const PROBE_ANSWERS = new Set(['form_identifier_not_found', 'form_identifier_exists', 'form_username_exists']);

/**
 * Runs a step that looks `identifier` up (when it names one) under the `bulk` probe limit:
 * refused up front when the IP's probe budget is spent; charged when the step answers that an
 * identifier is unknown (or taken). Other modes run the step as is (`off` reports freely,
 * `strict` reports nothing).
 */
export async function guardProbe<T>(
  deps: Pick<AppDeps, 'rateLimiter'>,
  ctx: Pick<FlowContext, 'instance' | 'request'>,
  identifier: string | undefined,
  step: () => Promise<T>,
) {
  const protection = ctx.instance.settings.attack_protection.user_enumeration;
  if (protection.mode !== 'bulk' || identifier === undefined) return step();
  const limit = { points: protection.probes_per_ip_per_10_minutes, windowSeconds: 600 };
  const key = `${ctx.instance.id}:${ctx.request.ip}`;
  const before = await deps.rateLimiter.peek('probes', key, limit);
  if (!before.allowed) throw tooMany(before.retryAfterMs);
  try {
    return await step();
  } catch (err) {
    if (isGatehouseError(err) && PROBE_ANSWERS.has(err.code)) await deps.rateLimiter.consume('probes', key, limit);
    throw err;
  }
}
