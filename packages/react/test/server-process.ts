/**
 * A test server in a child process, for the React tests: they run in happy-dom, where the
 * in-process server would be transformed as browser code (its worker URLs rewritten as
 * assets) and see happy-dom's globals. The parent talks to it over the IPC channel:
 * `{ id, op: 'backend', method, path, body }`, `{ id, op: 'code', to }`, `{ id, op: 'advance', ms }`,
 * `{ id, op: 'signInFrom', email, password, userAgent, ip }` (a session on another device, whose
 * address the server takes from `X-Forwarded-For`: it trusts the proxy for that),
 * `{ id, op: 'githubAccount', code, account }` (the account that authorizes at the GitHub the
 * server's `github` provider points at, the server suite's GitHub fixture, when the test says
 * `code`) and `{ id, op: 'oauthCallback', authorizationUrl, clientToken, code | error }` (the
 * browser through GitHub's authorization page and back at the Frontend API's callback, as the
 * native client `clientToken`; its 303 target and the rotated token).
 * Run with `node --conditions=source`; exits when the parent disconnects.
 */
import type { OAuthDeploymentConfig } from '../../server/src/config/env.ts';
import { type GitHubUser, startGitHubServer } from '../../server/test/fixtures/oauth/github-server.ts';
import { codeIn, startServer } from '../../server/test/fixtures/server.ts';

type Request =
  | { id: number; op: 'backend'; method: string; path: string; body?: Record<string, unknown> }
  | { id: number; op: 'code'; to: string }
  | { id: number; op: 'advance'; ms: number }
  | { id: number; op: 'signInFrom'; email: string; password: string; userAgent: string; ip: string }
  | { id: number; op: 'githubAccount'; code: string; account: GitHubUser }
  | {
      id: number;
      op: 'oauthCallback';
      authorizationUrl: string;
      clientToken: string;
      code?: string;
      error?: string;
    };

const oauth: OAuthDeploymentConfig = { baseUrls: {}, devCredentials: {} };
const server = await startServer({ trustProxy: true, oauth });
const github = await startGitHubServer({
  clients: [{ client_id: 'gh-client', client_secret: 'gh-secret', redirect_uris: [`${server.url}/v1/oauth_callback`] }],
  users: [],
});
oauth.baseUrls.github = github.url;
/** The GitHub account a test's `code` stands for: who authorizes at GitHub's page next. */
const accountsByCode = new Map<string, GitHubUser>();
const instance = await server.backend.get('/v1/instance');

/** Signs in with the password on a new browser (passing Client Trust with the mailed code); the session id. */
async function signInFrom(m: { email: string; password: string; userAgent: string; ip: string }): Promise<string> {
  const browser = server.browser();
  browser.headers = { 'user-agent': m.userAgent, 'x-forwarded-for': m.ip };
  let r = await browser.post('/v1/client/sign_ins', { identifier: m.email, password: m.password });
  if (r.body.response?.status === 'needs_client_trust') {
    const path = `/v1/client/sign_ins/${r.body.response.id}`;
    await browser.post(`${path}/prepare_second_factor`, { strategy: 'email_code' });
    const code = codeIn(await server.lastDevEmail(m.email));
    r = await browser.post(`${path}/attempt_second_factor`, { strategy: 'email_code', code });
  }
  if (r.body.response?.status !== 'complete') throw new Error(`sign-in failed: ${JSON.stringify(r.body)}`);
  return r.body.response.created_session_id as string;
}

/**
 * The browser at GitHub's authorization page (the fixture's): the account `code` stands for
 * authorizes, or the user cancels (`error`); GitHub sends it back to the Frontend API's
 * callback, which answers as to the client that started the round trip.
 */
async function oauthCallback(m: Extract<Request, { op: 'oauthCallback' }>) {
  if (m.error !== undefined) {
    if (m.error !== 'access_denied') throw new Error(`GitHub's page only cancels with access_denied, not ${m.error}`);
    github.nextLogin({ deny: true });
  } else {
    const account = accountsByCode.get(m.code ?? '');
    if (!account) throw new Error(`no GitHub account stands for code ${m.code}`);
    accountsByCode.delete(m.code ?? '');
    const known = github.users.findIndex((u) => u.id === account.id);
    if (known === -1) github.users.push(account);
    else github.users[known] = account;
    github.nextLogin({ userId: account.id });
  }
  const page = await fetch(m.authorizationUrl, { redirect: 'manual' });
  const back = page.headers.get('location');
  if (page.status !== 302 || !back) throw new Error(`GitHub's page answered ${page.status}`);
  const url = new URL(back);
  url.searchParams.set('_is_native', 'true');
  const res = await fetch(url, { headers: { authorization: `Bearer ${m.clientToken}` }, redirect: 'manual' });
  const text = await res.text();
  return {
    status: res.status,
    location: res.headers.get('location'),
    clientToken: res.headers.get('authorization'),
    body: text ? (JSON.parse(text) as unknown) : null,
  };
}

async function handle(m: Request): Promise<unknown> {
  switch (m.op) {
    case 'backend': {
      const r = await server.backend.request(m.method, m.path, m.body);
      return { status: r.status, body: r.body };
    }
    case 'code':
      return codeIn(await server.lastDevEmail(m.to));
    case 'advance':
      server.clock.advance(m.ms);
      return null;
    case 'signInFrom':
      return signInFrom(m);
    case 'githubAccount':
      accountsByCode.set(m.code, m.account);
      return null;
    case 'oauthCallback':
      return oauthCallback(m);
  }
}

process.on('message', (m: Request) => {
  handle(m).then(
    (result) => process.send?.({ id: m.id, result }),
    (e: unknown) => process.send?.({ id: m.id, error: String(e) }),
  );
});
process.on('disconnect', () => {
  void Promise.all([server.close(), github.close()]).finally(() => process.exit(0));
});
process.send?.({ ready: true, url: server.url, publishableKey: instance.body.publishable_key });
