/**
 * ID tokens are checked by openid-client, none of its checks turned off: a token for another
 * audience, an expired one, one with another nonce (a replayed token), another issuer, or
 * one signed with a key the provider does not publish fails the sign-in with
 * `oauth_provider_error`, and creates nothing. A custom provider configured by hand (its
 * endpoints and JWKS, no discovery) is the subject; a right token signs up.
 * @see issue 14 (social sign-in: ID token signature, issuer, audience, expiry, nonce)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { type ForgedIdp, startForgedIdp } from './forged-idp.ts';
import { CALLBACK_PAGE, returnFromProvider } from './social-fixture.ts';

let server: TestServer;
let idp: ForgedIdp;

beforeAll(async () => {
  idp = await startForgedIdp('forged-client');
  server = await startServer({
    settings: {
      attack_protection: { rate_limits: { enabled: false } },
      social: {
        custom: {
          forged: {
            enabled: true,
            name: 'Forged',
            client_id: 'forged-client',
            client_secret: 'forged-secret',
            issuer: idp.issuer,
            authorization_url: `${idp.url}/authorize`,
            token_url: `${idp.url}/token`,
            jwks_url: `${idp.url}/jwks`,
          },
        },
      },
    },
  });
});
afterAll(async () => {
  await server.close();
  await idp.close();
});

async function signUpWithForgedToken() {
  const browser = server.browser();
  const started = await browser.post('/v1/client/sign_ups', {
    strategy: 'oauth_custom_forged',
    redirect_url: CALLBACK_PAGE,
  });
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  await returnFromProvider(
    server,
    browser,
    started.body.response.verifications.external_account.external_verification_redirect_url,
  );
  return (await browser.get('/v1/client')).body.response;
}

describe('ID token checks', () => {
  it.each([
    ['another audience', { aud: 'someone-else' }, { meta: { claim: 'aud' } }],
    ['an expired token', { expiresIn: -120 }, { meta: { claim: 'exp' } }],
    ['another nonce', { nonce: 'replayed-nonce' }, { meta: { claim: 'nonce' } }],
    ['another issuer', { iss: 'https://impostor.example' }, { meta: { claim: 'iss' } }],
    ['a key the provider does not publish', { foreignKey: true }, { cause: expect.stringMatching(/signature/i) }],
  ])('refuses %s with oauth_provider_error and creates no user', async (_, claims, why) => {
    idp.forgeNext(claims);
    const logged = server.logs.length;
    const client = await signUpWithForgedToken();
    // The log names the check that refused it (openid-client's message), not some other failure.
    const failure = server.logs.slice(logged).find((l) => l.includes('oauth round trip failed')) ?? '';
    expect(JSON.parse(failure)).toMatchObject(why);
    expect(client.sign_up.verifications.external_account).toMatchObject({
      status: 'failed',
      error: { code: 'oauth_provider_error' },
    });
    expect((await server.backend.get('/v1/users/count')).body.total_count).toBe(0);
  });

  it('accepts the right token: the custom provider signs up', async () => {
    const client = await signUpWithForgedToken();
    expect(client.sign_up, server.logs.filter((l) => l.includes('round trip failed')).join('')).toBeNull();
    expect(client.sessions).toHaveLength(1);
    const user = (await server.backend.get(`/v1/users/${client.sessions[0].user.id}`)).body;
    expect(user.external_accounts[0]).toMatchObject({
      provider: 'oauth_custom_forged',
      provider_user_id: 'forged-user',
    });
  });
});
