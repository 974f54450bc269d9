/**
 * Sign-up bot protection, by the instance's provider:
 * - ALTCHA (`altcha-lib`): a PBKDF2 proof of work. The server issues a challenge signed with an
 *   HMAC key derived from the deployment secret and bound to the instance, valid 10 minutes;
 *   the client answers with `captcha_token` = base64(JSON `{challenge, solution}`), the ALTCHA
 *   widget's payload. Nothing is stored at issue time.
 * - Cloudflare Turnstile: the token goes to the siteverify endpoint (`POST` form `secret`,
 *   `response`, `remoteip` → `{ success, "error-codes" }`).
 * Either way a token is redeemed once: its hash goes into `captcha_redemptions` under a
 * unique key, so a replay (even two at the same moment) is refused with `captcha_invalid`.
 * A siteverify endpoint that does not answer fails closed: the sign-up is refused, since
 * letting bots through is what this setting exists to stop.
 */
import { createHash, hkdfSync } from 'node:crypto';
import { GatehouseError } from '@gatehouse/shared';
import { type Challenge, createChallenge, type Solution, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { Logger } from 'pino';
import type { Clock } from '../../domain/clock.ts';
import type { Instance } from '../../domain/instances/instance.ts';
import type { BotChallenge } from '../../domain/ports.ts';
import type { Store } from '../../domain/store.ts';

const ALTCHA_LIFETIME_MS = 10 * 60 * 1000;
/** Turnstile tokens live 300 s; keep their redemption a little longer. */
const TURNSTILE_REDEMPTION_MS = 10 * 60 * 1000;
const SITEVERIFY_TIMEOUT_MS = 5000;

export interface BotChallengeOptions {
  store: Store;
  clock: Clock;
  secret: Uint8Array;
  logger: Pick<Logger, 'warn'>;
}

const invalid = (reason: string) =>
  new GatehouseError('captcha_invalid', { meta: { param_name: 'captcha_token', reason } });

const sha256 = (v: string) => createHash('sha256').update(v).digest('base64url');

function parseAltchaToken(token: string): { challenge: Challenge; solution: Solution } | null {
  for (const text of [token, Buffer.from(token, 'base64').toString('utf8')]) {
    try {
      const v = JSON.parse(text) as { challenge?: Challenge; solution?: Solution };
      if (v && typeof v === 'object' && v.challenge?.parameters && v.solution) return v as never;
    } catch {}
  }
  return null;
}

export function createBotChallenge(opts: BotChallengeOptions): BotChallenge {
  const hmacSecret = Buffer.from(hkdfSync('sha256', opts.secret, 'gatehouse', 'altcha-hmac', 32)).toString('hex');

  async function redeemAltcha(instance: Instance, token: string): Promise<void> {
    const payload = parseAltchaToken(token);
    if (!payload) throw invalid('malformed');
    const { challenge, solution } = payload;
    if (challenge.parameters.data?.instance_id !== instance.id) throw invalid('wrong_instance');
    const expiresAt = (challenge.parameters.expiresAt ?? 0) * 1000;
    if (expiresAt <= opts.clock.now()) throw invalid('expired');
    let verified = false;
    try {
      verified = (await verifySolution({ challenge, solution, deriveKey, hmacSignatureSecret: hmacSecret })).verified;
    } catch {
      verified = false;
    }
    if (!verified) throw invalid('unsolved');
    const once = await opts.store.captchaRedemptions.redeemOnce(
      instance.id,
      sha256(`altcha:${challenge.signature}`),
      expiresAt,
      opts.clock.now(),
    );
    if (!once) throw invalid('already_used');
  }

  async function redeemTurnstile(instance: Instance, token: string, remoteIp: string): Promise<void> {
    const settings = instance.settings.attack_protection.bot_protection;
    if (!settings.turnstile_secret_key) throw invalid('not_configured');
    let outcome: { success?: unknown; 'error-codes'?: unknown };
    try {
      const res = await fetch(settings.siteverify_url, {
        method: 'POST',
        body: new URLSearchParams({ secret: settings.turnstile_secret_key, response: token, remoteip: remoteIp }),
        signal: AbortSignal.timeout(SITEVERIFY_TIMEOUT_MS),
        redirect: 'error',
      });
      outcome = (await res.json()) as typeof outcome;
    } catch (err) {
      opts.logger.warn({ err: { name: (err as Error).name } }, 'turnstile siteverify failed: sign-up refused');
      throw invalid('siteverify_unavailable');
    }
    if (outcome.success !== true) throw invalid('rejected');
    const now = opts.clock.now();
    const once = await opts.store.captchaRedemptions.redeemOnce(
      instance.id,
      sha256(`turnstile:${token}`),
      now + TURNSTILE_REDEMPTION_MS,
      now,
    );
    if (!once) throw invalid('already_used');
  }

  return {
    async issue(instance) {
      const settings = instance.settings.attack_protection.bot_protection;
      if (settings.mode === 'off' || settings.provider !== 'altcha') return null;
      const challenge = await createChallenge({
        algorithm: 'PBKDF2/SHA-256',
        cost: settings.altcha_cost,
        deriveKey,
        data: { instance_id: instance.id },
        expiresAt: Math.floor((opts.clock.now() + ALTCHA_LIFETIME_MS) / 1000),
        hmacSignatureSecret: hmacSecret,
      });
      return challenge as unknown as Record<string, unknown>;
    },
    async redeem(instance, token, remoteIp) {
      const settings = instance.settings.attack_protection.bot_protection;
      if (settings.mode === 'off') return;
      if (!token) throw invalid('missing');
      if (settings.provider === 'altcha') await redeemAltcha(instance, token);
      else await redeemTurnstile(instance, token, remoteIp);
    },
  };
}
