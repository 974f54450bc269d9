/**
 * `gatehouse.handleRedirectCallback()`'s decisions, through the SDK's transport seam (the
 * `fetch` option): a fake Frontend API answers each request from a script, and `navigate`
 * records where the browser would go. Each case is the client as the provider's callback left
 * it; the test checks the requests sent (the transfers), the outcome and the navigation.
 * `authenticateWithRedirect` and the connected-account calls are checked the same way.
 */
import type { ClientObject, ExternalAccountObject, SignInObject, SignUpObject } from '@gatehouse/shared/wire';
import { describe, expect, it } from 'vitest';
import { GatehouseAPIError } from '../errors.ts';
import { Gatehouse } from '../gatehouse.ts';

type Verification = NonNullable<SignInObject['first_factor_verification']>;

const oauth = (status: Verification['status'], extra: Partial<Verification> = {}): Verification => ({
  object: 'verification_oauth',
  status,
  strategy: 'oauth_google',
  attempts: null,
  expire_at: null,
  external_verification_redirect_url: null,
  error: null,
  ...extra,
});

const signIn = (status: SignInObject['status'], first: Verification | null, extra: Partial<SignInObject> = {}) =>
  ({
    object: 'sign_in_attempt',
    id: 'sia_1',
    status,
    supported_identifiers: ['email_address'],
    identifier: null,
    supported_first_factors: [],
    supported_second_factors: [],
    first_factor_verification: first,
    second_factor_verification: null,
    user_data: null,
    created_session_id: null,
    abandon_at: 1,
    ...extra,
  }) satisfies SignInObject;

const signUp = (status: SignUpObject['status'], external: Verification | null, extra: Partial<SignUpObject> = {}) =>
  ({
    object: 'sign_up_attempt',
    id: 'sua_1',
    status,
    required_fields: ['email_address'],
    optional_fields: [],
    missing_fields: [],
    unverified_fields: [],
    verifications: { email_address: null, phone_number: null, web3_wallet: null, external_account: external },
    username: null,
    email_address: null,
    phone_number: null,
    web3_wallet: null,
    password_enabled: false,
    first_name: null,
    last_name: null,
    unsafe_metadata: {},
    public_metadata: {},
    custom_action: false,
    external_id: null,
    created_session_id: null,
    created_user_id: null,
    abandon_at: 1,
    legal_accepted_at: null,
    ...extra,
  }) satisfies SignUpObject;

const session = (id: string) => ({
  object: 'session' as const,
  id,
  status: 'active' as const,
  expire_at: 9e12,
  abandon_at: 9e12,
  last_active_at: 1,
  last_active_organization_id: null,
  actor: null,
  user: null,
  public_user_data: null,
  factor_verification_age: [0, -1],
  created_at: 1,
  updated_at: 1,
});

const client = (parts: { signIn?: SignInObject; signUp?: SignUpObject; sessionId?: string } = {}): ClientObject => ({
  object: 'client',
  id: 'client_1',
  sessions: parts.sessionId ? [session(parts.sessionId)] : [],
  sign_in: parts.signIn ?? null,
  sign_up: parts.signUp ?? null,
  last_active_session_id: parts.sessionId ?? null,
  last_authentication_strategy: null,
  cookie_expires_at: null,
  captcha_bypass: false,
  created_at: 1,
  updated_at: 1,
});

/** The environment is not what these tests are about: the least the SDK reads. */
const ENVIRONMENT = {
  auth_config: {},
  display_config: {},
  user_settings: { attributes: {}, social: {} },
  maintenance_mode: false,
};

interface Sent {
  method: string;
  path: string;
  body: Record<string, string>;
}

/**
 * A Gatehouse whose Frontend API is `routes` ("METHOD /path" → the envelope's response and
 * client, or an error body with a status); `GET /v1/client` answers `initial`.
 */
function fakeGatehouse(
  initial: ClientObject,
  routes: Record<string, { response?: unknown; client?: ClientObject; status?: number; errors?: unknown[] }> = {},
) {
  const sent: Sent[] = [];
  const navigations: string[] = [];
  const answer = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const body = Object.fromEntries(new URLSearchParams(typeof init?.body === 'string' ? init.body : ''));
    sent.push({ method, path: url.pathname, body });
    if (method === 'GET' && url.pathname === '/v1/environment') return answer(200, ENVIRONMENT);
    if (method === 'GET' && url.pathname === '/v1/client') return answer(200, { response: initial, client: initial });
    const route = routes[`${method} ${url.pathname}`];
    if (!route) return answer(404, { errors: [{ code: 'resource_not_found', message: 'Not found' }] });
    if (route.errors) return answer(route.status ?? 422, { errors: route.errors });
    return answer(route.status ?? 200, { response: route.response ?? null, client: route.client ?? initial });
  };
  const gatehouse = new Gatehouse('pk_test_bG9jYWxob3N0OjQwMDAk', {
    fetch: fetch as typeof globalThis.fetch,
    navigate: (url) => void navigations.push(url),
    retry: { retries: 0 },
  });
  return { gatehouse, sent, navigations, posts: () => sent.filter((s) => s.method !== 'GET') };
}

const URLS = {
  signInUrl: '/sign-in',
  signUpUrl: '/sign-up',
  redirectUrlComplete: '/dashboard',
  continueSignUpUrl: '/sign-up/continue',
  firstFactorUrl: '/sign-in/factor-one',
  secondFactorUrl: '/sign-in/factor-two',
};

const touched = (id: string) => ({ method: 'POST', path: `/v1/client/sessions/${id}/touch`, body: {} });

describe('handleRedirectCallback', () => {
  it('a completed sign-in (gone from the client, its session active): activates it and goes to redirectUrlComplete', async () => {
    const { gatehouse, navigations, posts } = fakeGatehouse(client({ sessionId: 'sess_1' }), {
      'POST /v1/client/sessions/sess_1/touch': { response: session('sess_1') },
    });
    await expect(gatehouse.handleRedirectCallback(URLS)).resolves.toEqual({ status: 'complete', sessionId: 'sess_1' });
    expect(posts()).toEqual([touched('sess_1')]);
    expect(navigations).toEqual(['/dashboard']);
  });

  it('a sign-in whose provider account has no user: signs up with transfer=true, complete', async () => {
    const done = client({ sessionId: 'sess_2' });
    const { gatehouse, navigations, posts } = fakeGatehouse(
      client({ signIn: signIn('needs_identifier', oauth('transferable')) }),
      {
        'POST /v1/client/sign_ups': {
          response: signUp('complete', oauth('verified'), { created_session_id: 'sess_2', created_user_id: 'user_1' }),
          client: done,
        },
        'POST /v1/client/sessions/sess_2/touch': { response: session('sess_2'), client: done },
      },
    );
    await expect(gatehouse.handleRedirectCallback(URLS)).resolves.toEqual({ status: 'complete', sessionId: 'sess_2' });
    expect(posts()).toEqual([
      { method: 'POST', path: '/v1/client/sign_ups', body: { transfer: 'true' } },
      touched('sess_2'),
    ]);
    expect(navigations).toEqual(['/dashboard']);
    expect(gatehouse.session?.id).toBe('sess_2');
  });

  it('a transfer the provider gave too little for: missing_requirements, to continueSignUpUrl', async () => {
    const missing = signUp('missing_requirements', oauth('verified'), { missing_fields: ['username'] });
    const { gatehouse, navigations } = fakeGatehouse(
      client({ signIn: signIn('needs_identifier', oauth('transferable')) }),
      {
        'POST /v1/client/sign_ups': { response: missing, client: client({ signUp: missing }) },
      },
    );
    const result = await gatehouse.handleRedirectCallback(URLS);
    expect(result.status).toBe('missing_requirements');
    expect(result.status === 'missing_requirements' && result.signUp.missingFields).toEqual(['username']);
    expect(navigations).toEqual(['/sign-up/continue']);
  });

  it('without continueSignUpUrl a sign-up that misses fields goes to signUpUrl; with no URLs it only resolves', async () => {
    const missing = signUp('missing_requirements', oauth('verified'), { missing_fields: ['username'] });
    const routes = { 'POST /v1/client/sign_ups': { response: missing, client: client({ signUp: missing }) } };
    const transferable = client({ signIn: signIn('needs_identifier', oauth('transferable')) });
    const a = fakeGatehouse(transferable, routes);
    await a.gatehouse.handleRedirectCallback({ signUpUrl: '/sign-up' });
    expect(a.navigations).toEqual(['/sign-up']);
    const b = fakeGatehouse(transferable, routes);
    await expect(b.gatehouse.handleRedirectCallback()).resolves.toMatchObject({ status: 'missing_requirements' });
    expect(b.navigations).toEqual([]);
  });

  it('a sign-up whose provider account has a user: signs in with transfer=true', async () => {
    const done = client({ sessionId: 'sess_3' });
    const { gatehouse, navigations, posts } = fakeGatehouse(
      client({ signUp: signUp('missing_requirements', oauth('transferable')) }),
      {
        'POST /v1/client/sign_ins': {
          response: signIn('complete', oauth('verified'), { created_session_id: 'sess_3' }),
          client: done,
        },
        'POST /v1/client/sessions/sess_3/touch': { response: session('sess_3'), client: done },
      },
    );
    await expect(gatehouse.handleRedirectCallback(URLS)).resolves.toEqual({ status: 'complete', sessionId: 'sess_3' });
    expect(posts()[0]).toEqual({ method: 'POST', path: '/v1/client/sign_ins', body: { transfer: 'true' } });
    expect(navigations).toEqual(['/dashboard']);
  });

  it('a transferred sign-in that needs its second factor goes to secondFactorUrl', async () => {
    const mfa = signIn('needs_second_factor', oauth('verified'), { supported_second_factors: [{ strategy: 'totp' }] });
    const { gatehouse, navigations } = fakeGatehouse(
      client({ signUp: signUp('missing_requirements', oauth('transferable')) }),
      { 'POST /v1/client/sign_ins': { response: mfa, client: client({ signIn: mfa }) } },
    );
    const result = await gatehouse.handleRedirectCallback(URLS);
    expect(result.status).toBe('needs_second_factor');
    expect(navigations).toEqual(['/sign-in/factor-two']);
  });

  it('an unverified provider email matching a user: the email code step (firstFactorUrl), nothing sent', async () => {
    const link = signIn('needs_first_factor', oauth('verified'), {
      identifier: 'ada@example.com',
      supported_first_factors: [
        { strategy: 'email_code', safe_identifier: 'a***@example.com', email_address_id: 'idn_1' },
      ],
    });
    const { gatehouse, navigations, posts } = fakeGatehouse(client({ signIn: link }));
    const result = await gatehouse.handleRedirectCallback(URLS);
    expect(result.status).toBe('needs_first_factor');
    expect(result.status === 'needs_first_factor' && result.signIn.supportedFirstFactors[0]?.strategy).toBe(
      'email_code',
    );
    expect(posts()).toEqual([]);
    expect(navigations).toEqual(['/sign-in/factor-one']);
  });

  it('needs_client_trust goes to secondFactorUrl too', async () => {
    const trust = signIn('needs_client_trust', oauth('verified'));
    const { gatehouse, navigations } = fakeGatehouse(client({ signIn: trust }));
    await expect(gatehouse.handleRedirectCallback(URLS)).resolves.toMatchObject({ status: 'needs_client_trust' });
    expect(navigations).toEqual(['/sign-in/factor-two']);
  });

  it('the provider refused: throws a GatehouseAPIError with the verification error code, navigates nowhere', async () => {
    const denied = oauth('failed', {
      error: {
        code: 'oauth_access_denied',
        message: 'Access denied',
        long_message: 'You cancelled signing in with the provider, or it refused access.',
        meta: {},
      },
    });
    const { gatehouse, navigations, posts } = fakeGatehouse(client({ signIn: signIn('needs_first_factor', denied) }));
    const error = await gatehouse.handleRedirectCallback(URLS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatehouseAPIError);
    expect((error as GatehouseAPIError).code).toBe('oauth_access_denied');
    expect((error as GatehouseAPIError).errors[0]?.longMessage).toBe(
      'You cancelled signing in with the provider, or it refused access.',
    );
    expect(posts()).toEqual([]);
    expect(navigations).toEqual([]);
  });

  it('a failed sign-up round trip throws its error as well', async () => {
    const failed = oauth('failed', {
      error: { code: 'oauth_provider_error', message: 'Provider error', long_message: 'Try later.', meta: {} },
    });
    const { gatehouse } = fakeGatehouse(client({ signUp: signUp('missing_requirements', failed) }));
    await expect(gatehouse.handleRedirectCallback(URLS)).rejects.toMatchObject({ code: 'oauth_provider_error' });
  });

  it('a password sign-in left from before does not hide the session the provider round trip completed', async () => {
    const stale = signIn('needs_first_factor', null, { supported_first_factors: [{ strategy: 'password' }] });
    const { gatehouse, navigations } = fakeGatehouse(client({ signIn: stale, sessionId: 'sess_4' }), {
      'POST /v1/client/sessions/sess_4/touch': { response: session('sess_4') },
    });
    await expect(gatehouse.handleRedirectCallback(URLS)).resolves.toEqual({ status: 'complete', sessionId: 'sess_4' });
    expect(navigations).toEqual(['/dashboard']);
  });

  it('nothing to carry on: to signInUrl', async () => {
    const { gatehouse, navigations } = fakeGatehouse(client());
    await expect(gatehouse.handleRedirectCallback(URLS)).resolves.toEqual({ status: 'needs_identifier' });
    expect(navigations).toEqual(['/sign-in']);
  });

  it('navigates with customNavigate when given', async () => {
    const { gatehouse, navigations } = fakeGatehouse(client());
    const custom: string[] = [];
    await gatehouse.handleRedirectCallback(URLS, (to) => void custom.push(to));
    expect(custom).toEqual(['/sign-in']);
    expect(navigations).toEqual([]);
  });
});

describe('authenticateWithRedirect', () => {
  const PROVIDER = 'https://accounts.google.test/o/oauth2/auth?state=abc';

  it('signIn: creates the sign-in with the strategy and both URLs, then goes to the provider', async () => {
    const started = signIn('needs_identifier', oauth('unverified', { external_verification_redirect_url: PROVIDER }));
    const { gatehouse, navigations, posts } = fakeGatehouse(client(), {
      'POST /v1/client/sign_ins': { response: started, client: client({ signIn: started }) },
    });
    await gatehouse.signIn.authenticateWithRedirect({
      strategy: 'oauth_google',
      redirectUrl: 'http://localhost:3000/sign-in/sso-callback',
      redirectUrlComplete: 'http://localhost:3000/dashboard',
    });
    expect(posts()).toEqual([
      {
        method: 'POST',
        path: '/v1/client/sign_ins',
        body: {
          strategy: 'oauth_google',
          redirect_url: 'http://localhost:3000/sign-in/sso-callback',
          action_complete_redirect_url: 'http://localhost:3000/dashboard',
        },
      },
    ]);
    expect(navigations).toEqual([PROVIDER]);
  });

  it('signUp: creates the sign-up and goes to its external account verification URL', async () => {
    const started = signUp(
      'missing_requirements',
      oauth('unverified', { strategy: 'oauth_github', external_verification_redirect_url: PROVIDER }),
    );
    const { gatehouse, navigations, posts } = fakeGatehouse(client(), {
      'POST /v1/client/sign_ups': { response: started, client: client({ signUp: started }) },
    });
    await gatehouse.signUp.authenticateWithRedirect({
      strategy: 'oauth_github',
      redirectUrl: 'http://localhost:3000/sign-up/sso-callback',
    });
    expect(posts()[0]?.body).toEqual({
      strategy: 'oauth_github',
      redirect_url: 'http://localhost:3000/sign-up/sso-callback',
    });
    expect(navigations).toEqual([PROVIDER]);
  });

  it('an answer without an authorization URL is an error, not a navigation', async () => {
    const started = signIn('needs_identifier', oauth('unverified'));
    const { gatehouse, navigations } = fakeGatehouse(client(), {
      'POST /v1/client/sign_ins': { response: started },
    });
    await expect(
      gatehouse.signIn.authenticateWithRedirect({ strategy: 'oauth_google', redirectUrl: 'http://localhost:3000/cb' }),
    ).rejects.toThrow(TypeError);
    expect(navigations).toEqual([]);
  });
});

describe('connected accounts', () => {
  const account = (extra: Partial<ExternalAccountObject> = {}): ExternalAccountObject => ({
    object: 'external_account',
    id: 'eac_1',
    provider: 'oauth_github',
    identification_id: 'idn_9',
    provider_user_id: '42',
    approved_scopes: 'read:user user:email',
    email_address: 'ada@example.com',
    first_name: 'Ada',
    last_name: 'Lovelace',
    avatar_url: '',
    image_url: '',
    username: 'ada',
    phone_number: null,
    public_metadata: {},
    label: null,
    verification: oauth('verified', { strategy: 'oauth_github' }),
    created_at: 1,
    updated_at: 1,
    ...extra,
  });
  const PROVIDER = 'https://github.test/login/oauth/authorize?state=xyz';

  /** A signed-in client whose user has `accounts`. */
  const signedIn = (accounts: ExternalAccountObject[]): ClientObject => {
    const c = client({ sessionId: 'sess_9' });
    const user = { id: 'user_9', external_accounts: accounts, email_addresses: [], phone_numbers: [], passkeys: [] };
    c.sessions[0]!.user = user as never;
    return c;
  };

  it('createExternalAccount posts the strategy, the redirect URL and the scopes space-separated', async () => {
    const pending = account({
      verification: oauth('unverified', { strategy: 'oauth_github', external_verification_redirect_url: PROVIDER }),
    });
    const { gatehouse, sent } = fakeGatehouse(signedIn([]), {
      'POST /v1/me/external_accounts': { response: pending },
    });
    await gatehouse.load();
    const created = await gatehouse.user!.createExternalAccount({
      strategy: 'oauth_github',
      redirectUrl: 'http://localhost:3000/account',
      additionalScopes: ['repo', 'read:org'],
    });
    const post = sent.find((s) => s.method === 'POST')!;
    expect(post.path).toBe('/v1/me/external_accounts');
    expect(post.body).toEqual({
      strategy: 'oauth_github',
      redirect_url: 'http://localhost:3000/account',
      additional_scope: 'repo read:org',
    });
    expect(created.verification?.externalVerificationRedirectURL?.href).toBe(PROVIDER);
    expect(created.provider).toBe('github');
    expect(created.strategy).toBe('oauth_github');
  });

  it('user.externalAccounts comes from the wire; reauthorize PATCHes and destroy DELETEs the account', async () => {
    const { gatehouse, sent } = fakeGatehouse(signedIn([account()]), {
      'PATCH /v1/me/external_accounts/eac_1/reauthorize': {
        response: account({
          verification: oauth('unverified', { strategy: 'oauth_github', external_verification_redirect_url: PROVIDER }),
        }),
      },
      'DELETE /v1/me/external_accounts/eac_1': {
        errors: [
          {
            code: 'external_account_last_sign_in_method',
            message: 'Last sign-in method',
            long_message: 'This is your only way to sign in.',
            meta: {},
          },
        ],
      },
    });
    await gatehouse.load();
    const [github] = gatehouse.user!.externalAccounts;
    expect(github).toMatchObject({ provider: 'github', emailAddress: 'ada@example.com', isVerified: true });
    expect(github!.accountIdentifier()).toBe('ada');

    const again = await github!.reauthorize({
      redirectUrl: 'http://localhost:3000/account',
      additionalScopes: ['repo'],
    });
    expect(sent.at(-1)).toMatchObject({
      method: 'PATCH',
      path: '/v1/me/external_accounts/eac_1/reauthorize',
      body: { redirect_url: 'http://localhost:3000/account', additional_scope: 'repo' },
    });
    expect(again.verification?.externalVerificationRedirectURL?.href).toBe(PROVIDER);

    await expect(github!.destroy()).rejects.toMatchObject({ code: 'external_account_last_sign_in_method' });
    expect(sent.at(-1)).toMatchObject({ method: 'DELETE', path: '/v1/me/external_accounts/eac_1' });
  });
});
