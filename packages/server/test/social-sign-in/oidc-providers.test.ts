/**
 * The named OpenID Connect providers besides Google (GitLab, Slack, LinkedIn), each against a
 * real OpenID Connect provider (oidc-provider) that its `GATEHOUSE_OAUTH_<ID>_BASE_URL` points
 * at: discovery from the issuer, the code flow with PKCE (S256) and `nonce`, the provider's own
 * scopes and no account-chooser `prompt` (none of them has one), an unknown account signed up by transfer and
 * signed in again.
 * @see issue 14 (social sign-in: every provider against a local server speaking its protocol)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../fixtures/flows.ts';
import { type OidcIdp, startOidcIdp } from '../fixtures/oauth/oidc-idp.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { CALLBACK_PAGE, socialRoundTrip } from './social-fixture.ts';

const CASES = [
  { id: 'gitlab', scopes: ['openid', 'email', 'profile', 'read_user'] },
  { id: 'slack', scopes: ['openid', 'email', 'profile'] },
  { id: 'linkedin_oidc', scopes: ['openid', 'email', 'profile'] },
] as const;

const people = Object.fromEntries(
  CASES.map((c) => [
    c.id,
    { sub: `${c.id}-person`, email: uniqueEmail(c.id), email_verified: true, given_name: 'Oda', family_name: 'Nils' },
  ]),
);

let server: TestServer;
let idp: OidcIdp;

beforeAll(async () => {
  const oauth = { baseUrls: {} as Record<string, string>, devCredentials: {} };
  server = await startServer({
    oauth,
    settings: {
      attack_protection: { rate_limits: { enabled: false } },
      social: {
        providers: Object.fromEntries(
          CASES.map((c) => [
            c.id,
            {
              enabled: true,
              client_id: `gatehouse-${c.id}`,
              client_secret: `${c.id}-secret`,
              always_show_account_selector: true,
            },
          ]),
        ),
      },
    },
  });
  idp = await startOidcIdp({
    clients: CASES.map((c) => ({
      client_id: `gatehouse-${c.id}`,
      client_secret: `${c.id}-secret`,
      redirect_uris: [`${server.url}/v1/oauth_callback`],
    })),
    accounts: Object.values(people),
    // GitLab's API scope, known to this IdP so it can be granted.
    claims: { read_user: [] },
  });
  for (const c of CASES) oauth.baseUrls[c.id] = idp.issuer;
});
afterAll(async () => {
  await server?.close();
  await idp?.close();
});

describe.each(CASES)('$id', (c) => {
  it('signs an unknown account up by transfer with the provider’s scopes, PKCE and nonce, then signs it in again', async () => {
    const person = people[c.id]!;
    const strategy = `oauth_${c.id}`;
    const browser = server.browser();
    const from = idp.requests.length;
    idp.nextLogin({ accountId: person.sub });
    const first = await socialRoundTrip(server, browser, strategy);
    expect(first.signIn.first_factor_verification, JSON.stringify(first.signIn)).toMatchObject({
      status: 'transferable',
      strategy,
    });

    const authorize = idp.requests.slice(from).find((r) => r.path === '/auth');
    expect(authorize?.query).toMatchObject({
      client_id: `gatehouse-${c.id}`,
      redirect_uri: `${server.url}/v1/oauth_callback`,
      response_type: 'code',
      code_challenge_method: 'S256',
    });
    expect(authorize?.query.scope?.split(' ')).toEqual(c.scopes);
    expect(authorize?.query.nonce).toMatch(/^[\w-]{20,}$/);
    // None of them has an account chooser: `always_show_account_selector` adds no `prompt` a provider would refuse.
    expect(authorize?.query.prompt).toBeUndefined();

    const transferred = await browser.post('/v1/client/sign_ups', { transfer: true });
    expect(transferred.status, JSON.stringify(transferred.body)).toBe(200);
    expect(transferred.body.response).toMatchObject({
      status: 'complete',
      email_address: person.email,
      first_name: 'Oda',
    });
    const user = (await server.backend.get(`/v1/users/${transferred.body.response.created_user_id}`)).body;
    expect(user.external_accounts).toEqual([
      expect.objectContaining({ provider: strategy, provider_user_id: person.sub, email_address: person.email }),
    ]);
    expect(user.email_addresses[0].verification).toMatchObject({ status: 'verified', strategy: `from_${strategy}` });

    idp.nextLogin({ accountId: person.sub });
    const again = await socialRoundTrip(server, server.browser(), strategy, 'sign_ins', {
      redirect_url: CALLBACK_PAGE,
    });
    expect(again.signIn).toBeNull();
    expect(again.client.sessions[0].user.id).toBe(user.id);
  });
});
