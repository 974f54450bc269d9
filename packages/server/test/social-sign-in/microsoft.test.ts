/**
 * Sign in with Microsoft (Entra ID and personal accounts) against a local Entra-speaking IdP,
 * reached through `GATEHOUSE_OAUTH_MICROSOFT_BASE_URL` while the issuers stay Microsoft's:
 * - multi-tenant (`common`): the discovery issuer is the `{tenantid}` template, the token's is
 *   its tenant's; openid-client's Entra handling accepts that, and refuses a token whose `iss`
 *   names another tenant than its `tid`;
 * - a tenant id setting accepts that tenant's tokens only;
 * - the email counts as verified only with `xms_edov` or for a personal account, so an
 *   unverified one needs an email code before it joins an existing user (nOAuth);
 * - a declined consent is `oauth_access_denied`.
 * @see issue 14 (social sign-in: Microsoft)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OAuthDeploymentConfig } from '../../src/config/env.ts';
import { createUser, uniqueEmail } from '../fixtures/flows.ts';
import { CONSUMER_TENANT, type EntraIdp, startEntraIdp } from '../fixtures/oauth/entra-idp.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { socialRoundTrip } from './social-fixture.ts';

const CONTOSO = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const FABRIKAM = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
const ada = {
  oid: '00000000-0000-0000-66f3-3332eca7ea81',
  tid: CONTOSO,
  preferred_username: 'ada@contoso.com',
  name: 'Ada Lovelace',
  email: uniqueEmail('ada-contoso'),
  xms_edov: true,
};
const fabrikam = {
  oid: '11111111-0000-0000-66f3-3332eca7ea81',
  tid: FABRIKAM,
  preferred_username: 'grace@fabrikam.com',
  name: 'Grace Hopper',
  email: uniqueEmail('grace-fabrikam'),
  xms_edov: true,
};
const unverified = {
  oid: '33333333-0000-0000-66f3-3332eca7ea81',
  tid: FABRIKAM,
  preferred_username: 'new@fabrikam.com',
  email: uniqueEmail('ms-unverified'),
  xms_edov: false,
};
/** Link cases: an existing user has the address; the Microsoft account claims it too. */
const linkCases = [
  {
    title: 'a work account whose domain owner verified the email (xms_edov true)',
    tid: CONTOSO,
    xms_edov: true,
    code: false,
  },
  {
    title: 'a work account whose email is not domain-verified (xms_edov false)',
    tid: FABRIKAM,
    xms_edov: false,
    code: true,
  },
  { title: 'a work account whose token says nothing (no xms_edov)', tid: FABRIKAM, xms_edov: undefined, code: true },
  { title: 'a personal Microsoft account (consumer tenant)', tid: CONSUMER_TENANT, xms_edov: undefined, code: false },
].map((c, i) => ({
  ...c,
  account: {
    oid: `2222222${i}-0000-0000-66f3-3332eca7ea81`,
    tid: c.tid,
    preferred_username: `linked${i}@example.com`,
    name: `Linked ${i}`,
    email: uniqueEmail(`ms-linked-${i}`),
    xms_edov: c.xms_edov,
  },
}));

let server: TestServer;
let entra: EntraIdp;

const setTenant = (tenant: string) =>
  server.backend.patch('/v1/instance/settings', { social: { providers: { microsoft: { tenant } } } });

beforeAll(async () => {
  const oauth: OAuthDeploymentConfig = { baseUrls: {}, devCredentials: {} };
  server = await startServer({
    oauth,
    settings: {
      attack_protection: { rate_limits: { enabled: false } },
      social: { providers: { microsoft: { enabled: true, client_id: 'gatehouse-app', client_secret: 'ms~secret.1' } } },
    },
  });
  entra = await startEntraIdp({
    apps: [
      { client_id: 'gatehouse-app', client_secret: 'ms~secret.1', redirect_uris: [`${server.url}/v1/oauth_callback`] },
    ],
    accounts: [ada, fabrikam, unverified, ...linkCases.map((c) => c.account)],
    tenants: [CONTOSO, FABRIKAM],
  });
  oauth.baseUrls.microsoft = entra.url;
});
afterAll(async () => {
  await server.close();
  await entra.close();
});

/** The `oauth round trip failed` line logged since `from`, parsed. */
function failureLogged(from: number) {
  const line = server.logs.slice(from).find((l) => l.includes('oauth round trip failed'));
  return line ? JSON.parse(line) : null;
}

describe('Microsoft, multi-tenant (common)', () => {
  it("signs up with a tenant's token checked against the {tenantid} template, PKCE and the secret in the body", async () => {
    const before = entra.requests.length;
    entra.nextLogin({ oid: ada.oid });
    const { client, signUp } = await socialRoundTrip(server, server.browser(), 'oauth_microsoft', 'sign_ups');
    expect(signUp, JSON.stringify(failureLogged(0))).toBeNull();
    // The discovery document named the template, the token its tenant.
    const seen = entra.requests.slice(before);
    expect(seen.some((r) => r.path === '/common/v2.0/.well-known/openid-configuration')).toBe(true);
    expect(entra.issued.at(-1)).toMatchObject({
      iss: `https://login.microsoftonline.com/${CONTOSO}/v2.0`,
      tid: CONTOSO,
    });
    const authorize = seen.find((r) => r.path === '/common/oauth2/v2.0/authorize');
    expect(authorize?.query).toMatchObject({ code_challenge_method: 'S256', scope: 'openid email profile' });
    const exchange = seen.find((r) => r.path === '/common/oauth2/v2.0/token');
    expect(exchange?.body).toMatchObject({ client_id: 'gatehouse-app', client_secret: 'ms~secret.1' });
    expect(exchange?.headers.authorization).toBeUndefined();

    const user = (await server.backend.get(`/v1/users/${client.sessions[0].user.id}`)).body;
    expect(user).toMatchObject({ first_name: 'Ada', last_name: 'Lovelace' });
    expect(user.email_addresses[0]).toMatchObject({ email_address: ada.email, verification: { status: 'verified' } });
    expect(user.external_accounts[0]).toMatchObject({
      provider: 'oauth_microsoft',
      provider_user_id: entra.issued.at(-1)?.sub,
      email_address: ada.email,
      username: null,
    });
  });

  it('refuses a token whose iss names another tenant than its tid, and creates nothing', async () => {
    const users = (await server.backend.get('/v1/users/count')).body.total_count;
    const logged = server.logs.length;
    entra.nextLogin({ oid: fabrikam.oid, issTenant: CONTOSO });
    const { signUp } = await socialRoundTrip(server, server.browser(), 'oauth_microsoft', 'sign_ups');
    expect(signUp.verifications.external_account).toMatchObject({
      status: 'failed',
      error: { code: 'oauth_provider_error' },
    });
    expect(failureLogged(logged)).toMatchObject({ meta: { reason: 'token_exchange_failed', claim: 'iss' } });
    expect((await server.backend.get('/v1/users/count')).body.total_count).toBe(users);
  });

  it('a declined consent fails the sign-in with oauth_access_denied', async () => {
    entra.nextLogin({ deny: true });
    const { signIn, back } = await socialRoundTrip(server, server.browser(), 'oauth_microsoft');
    expect(back.status).toBe(303);
    expect(signIn.first_factor_verification).toMatchObject({
      status: 'failed',
      strategy: 'oauth_microsoft',
      error: { code: 'oauth_access_denied' },
    });
  });
});

describe('Microsoft, a tenant id setting', () => {
  beforeAll(() => setTenant(FABRIKAM));
  afterAll(() => setTenant('common'));

  it("accepts that tenant's tokens, at that tenant's endpoints", async () => {
    const before = entra.requests.length;
    entra.nextLogin({ oid: fabrikam.oid });
    const { client, signUp } = await socialRoundTrip(server, server.browser(), 'oauth_microsoft', 'sign_ups');
    expect(signUp, JSON.stringify(failureLogged(0))).toBeNull();
    expect(client.sessions).toHaveLength(1);
    expect(entra.requests.slice(before).some((r) => r.path === `/${FABRIKAM}/oauth2/v2.0/token`)).toBe(true);
  });

  it("refuses another tenant's token", async () => {
    const logged = server.logs.length;
    entra.nextLogin({ oid: ada.oid, tokenTenant: CONTOSO });
    const { signIn } = await socialRoundTrip(server, server.browser(), 'oauth_microsoft');
    expect(entra.issued.at(-1)).toMatchObject({ tid: CONTOSO });
    expect(signIn.first_factor_verification).toMatchObject({
      status: 'failed',
      error: { code: 'oauth_provider_error' },
    });
    expect(failureLogged(logged)).toMatchObject({ meta: { claim: 'iss' } });
  });
});

describe('Microsoft email verification decides the linking', () => {
  it('a sign-up with an unverified Microsoft email verifies the address by code first', async () => {
    entra.nextLogin({ oid: unverified.oid });
    const { signUp } = await socialRoundTrip(server, server.browser(), 'oauth_microsoft', 'sign_ups');
    expect(signUp).toMatchObject({ status: 'missing_requirements', email_address: unverified.email });
    expect(signUp.unverified_fields).toEqual(['email_address']);
    expect(signUp.verifications.external_account.status).toBe('verified');
  });

  it.each(linkCases)('$title: email code needed = $code', async ({ account, code }) => {
    const existing = await createUser(server, account.email);
    entra.nextLogin({ oid: account.oid });
    const { client, signIn } = await socialRoundTrip(server, server.browser(), 'oauth_microsoft');
    const linked = (await server.backend.get(`/v1/users/${existing.userId}`)).body.external_accounts;
    if (code) {
      // Not linked until the person proves the address; the password cannot stand in for it.
      expect(signIn.status).toBe('needs_first_factor');
      expect(signIn.supported_first_factors.map((f: { strategy: string }) => f.strategy)).toEqual(['email_code']);
      expect(linked).toEqual([]);
    } else {
      expect(signIn).toBeNull();
      expect(client.sessions[0].user.id).toBe(existing.userId);
      expect(linked).toEqual([expect.objectContaining({ provider: 'oauth_microsoft', email_address: account.email })]);
    }
  });
});
