/**
 * Bots creating sign-ups. With bot protection on, a sign-up is created only with a solved
 * challenge, and each solution works once: a replayed ALTCHA solution (even two at the same
 * moment) or Turnstile token is refused with `captcha_invalid`, and nothing is created.
 * ALTCHA is solved here as the browser SDK would, with altcha-lib's solver; Turnstile is
 * verified against a local server speaking the siteverify protocol.
 */

import type { SettingsPatch } from '@gatehouse/shared';
import { type Challenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../backend-api/expect-error.ts';
import { PASSWORD, uniqueEmail } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { type LocalPeer, startSiteverify } from './local-peers.ts';

const TURNSTILE_SECRET = '0x4AAAAAAAtestsecret';
const GOOD_TOKENS = new Set(['turnstile-token-1', 'turnstile-token-2']);

let altcha: TestServer;
let other: TestServer;
let off: TestServer;
let turnstile: TestServer;
let siteverify: LocalPeer;

beforeAll(async () => {
  siteverify = await startSiteverify(TURNSTILE_SECRET, GOOD_TOKENS);
  const altchaSettings: SettingsPatch = {
    attack_protection: { bot_protection: { mode: 'invisible', provider: 'altcha', altcha_cost: 10 } },
  };
  [altcha, other, off, turnstile] = await Promise.all([
    startServer({ settings: altchaSettings }),
    startServer({ settings: altchaSettings }),
    startServer(),
    startServer({
      settings: {
        attack_protection: {
          bot_protection: {
            mode: 'always',
            provider: 'turnstile',
            turnstile_site_key: '0x4AAAAAAAsitekey',
            turnstile_secret_key: TURNSTILE_SECRET,
            siteverify_url: `${siteverify.url}/turnstile/v0/siteverify`,
          },
        },
      },
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([altcha, other, off, turnstile].map((s) => s?.close()));
  await siteverify?.close();
});

/** Fetches a challenge and solves it, as the SDK's worker does; the `captcha_token` to send. */
async function solvedToken(server: TestServer): Promise<string> {
  const r = await server.browser().get('/v1/client/sign_ups/challenge');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.provider).toBe('altcha');
  const challenge = r.body.challenge as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  expect(solution).not.toBeNull();
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

const createSignUp = (browser: Browser, extra: Record<string, unknown> = {}) =>
  browser.post('/v1/client/sign_ups', { email_address: uniqueEmail('bot'), password: PASSWORD, ...extra });

async function userCount(server: TestServer): Promise<number> {
  return (await server.backend.get('/v1/users/count')).body.total_count;
}

describe('ALTCHA (invisible proof of work)', () => {
  it('announces itself in the environment', async () => {
    const env = await altcha.browser().get('/v1/environment');
    expect(env.body.user_settings.sign_up.captcha_enabled).toBe(true);
    expect(env.body.display_config).toMatchObject({ captcha_provider: 'altcha', captcha_widget_type: 'invisible' });
  });

  it('creates a sign-up with a solved challenge', async () => {
    const r = await createSignUp(altcha.browser(), { captcha_token: await solvedToken(altcha) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.response.status).toBe('missing_requirements');
  });

  it('refuses a sign-up without a token, or with garbage: captcha_invalid', async () => {
    expectError(await createSignUp(altcha.browser()), 'captcha_invalid', {
      param_name: 'captcha_token',
      reason: 'missing',
    });
    expectError(await createSignUp(altcha.browser(), { captcha_token: 'bm90IGEgdG9rZW4=' }), 'captcha_invalid', {
      reason: 'malformed',
    });
  });

  it('refuses a replayed solution: the second use fails and creates nothing', async () => {
    const token = await solvedToken(altcha);
    expect((await createSignUp(altcha.browser(), { captcha_token: token })).status).toBe(200);
    const before = await userCount(altcha);
    expectError(await createSignUp(altcha.browser(), { captcha_token: token }), 'captcha_invalid', {
      reason: 'already_used',
    });
    expect(await userCount(altcha)).toBe(before);
  });

  it('accepts one of 8 concurrent uses of one solution, exactly', async () => {
    const token = await solvedToken(altcha);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => createSignUp(altcha.browser(), { captcha_token: token })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of results.filter((r) => r.status !== 200))
      expectError(r, 'captcha_invalid', { reason: 'already_used' });
  });

  it('refuses a solution with a changed counter, and a challenge of another instance', async () => {
    const token = await solvedToken(altcha);
    const payload = JSON.parse(Buffer.from(token, 'base64').toString());
    payload.solution.counter += 1;
    expectError(
      await createSignUp(altcha.browser(), { captcha_token: Buffer.from(JSON.stringify(payload)).toString('base64') }),
      'captcha_invalid',
      { reason: 'unsolved' },
    );
    expectError(await createSignUp(other.browser(), { captcha_token: await solvedToken(altcha) }), 'captcha_invalid', {
      reason: 'wrong_instance',
    });
  });

  it('refuses an expired challenge', async () => {
    const token = await solvedToken(altcha);
    altcha.clock.advance(11 * 60 * 1000);
    try {
      expectError(await createSignUp(altcha.browser(), { captcha_token: token }), 'captcha_invalid', {
        reason: 'expired',
      });
    } finally {
      altcha.clock.advance(-11 * 60 * 1000);
    }
  });
});

describe('off (the default)', () => {
  it('asks nothing: sign-ups need no token and the challenge endpoint says so', async () => {
    expect((await createSignUp(off.browser())).status).toBe(200);
    const r = await off.browser().get('/v1/client/sign_ups/challenge');
    expect(r.body).toEqual({ object: 'captcha_challenge', provider: null, challenge: null });
  });
});

describe('Turnstile (siteverify)', () => {
  it('announces the site key, never the secret', async () => {
    const env = await turnstile.browser().get('/v1/environment');
    expect(env.body.display_config).toMatchObject({
      captcha_provider: 'turnstile',
      captcha_widget_type: 'smart',
      captcha_public_key: '0x4AAAAAAAsitekey',
    });
    expect(JSON.stringify(env.body)).not.toContain(TURNSTILE_SECRET);
  });

  it('verifies the token with secret, response and remoteip, once', async () => {
    const from = siteverify.requests.length;
    const ok = await createSignUp(turnstile.browser(), { captcha_token: 'turnstile-token-1' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const sent = siteverify.requests[from]!;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/turnstile/v0/siteverify');
    const form = new URLSearchParams(sent.body);
    expect(form.get('secret')).toBe(TURNSTILE_SECRET);
    expect(form.get('response')).toBe('turnstile-token-1');
    expect(form.get('remoteip')).toBe('127.0.0.1');

    expectError(await createSignUp(turnstile.browser(), { captcha_token: 'turnstile-token-1' }), 'captcha_invalid');
  });

  it('refuses a token siteverify rejects', async () => {
    expectError(await createSignUp(turnstile.browser(), { captcha_token: 'forged' }), 'captcha_invalid', {
      reason: 'rejected',
    });
  });

  it('fails closed when siteverify does not answer', async () => {
    await turnstile.backend.patch('/v1/instance/settings', {
      attack_protection: { bot_protection: { siteverify_url: 'http://127.0.0.1:9/siteverify' } },
    });
    expectError(await createSignUp(turnstile.browser(), { captcha_token: 'turnstile-token-2' }), 'captcha_invalid', {
      reason: 'siteverify_unavailable',
    });
  });
});
