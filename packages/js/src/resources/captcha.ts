/**
 * Bot protection on sign-up, solved without the user noticing. When the server answers a
 * sign-up with `captcha_invalid` because no token came (`meta.reason: 'missing'`), the SDK
 * fetches an ALTCHA challenge (`GET /v1/client/sign_ups/challenge`), solves it with
 * `altcha-lib` and retries once with `captcha_token`. Nothing is fetched or loaded while the
 * instance has bot protection off: `altcha-lib` is imported on first need.
 *
 * The proof of work is PBKDF2 through WebCrypto (`crypto.subtle`), which browsers run off the
 * main thread, so the page stays responsive without a separate Worker script (altcha-lib's own
 * worker scripts are built for Node and would not load in a browser).
 */
import type { ResourceCore } from '../core/core.ts';
import { GatehouseAPIError } from '../errors.ts';

interface ChallengeAnswer {
  provider: 'altcha' | 'turnstile' | null;
  challenge: Record<string, unknown> | null;
}

/** True when the error asks for a bot-protection token the request did not carry. */
export const needsCaptcha = (e: unknown): boolean =>
  e instanceof GatehouseAPIError && e.errors.some((x) => x.code === 'captcha_invalid' && x.meta.reason === 'missing');

/** A `captcha_token` for a new sign-up, or null when the instance needs none this SDK can give. */
export async function solveSignUpChallenge(core: ResourceCore): Promise<string | null> {
  const answer = await core.fetch<ChallengeAnswer>({ method: 'GET', path: '/v1/client/sign_ups/challenge' });
  if (answer.provider !== 'altcha' || answer.challenge === null) return null;
  const [{ solveChallenge }, { deriveKey }] = await Promise.all([
    import('altcha-lib'),
    import('altcha-lib/algorithms/web/pbkdf2'),
  ]);
  const challenge = answer.challenge as unknown as Parameters<typeof solveChallenge>[0]['challenge'];
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) return null;
  const json = JSON.stringify({ challenge, solution });
  return btoa(String.fromCharCode(...new TextEncoder().encode(json)));
}
