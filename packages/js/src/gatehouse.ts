/**
 * The SDK instance: one per app (per tab). It holds the client state the Frontend API last
 * sent, and keeps it current:
 * - every `{ response, client }` answer replaces the client state and notifies listeners;
 * - when the active session changes, the session cookies follow and other tabs are told;
 * - only a 401 whose code says the session or client is over drops a session; network
 *   failures and 5xx are retried (when safe) and otherwise thrown, never read as sign-out.
 */
import type { ClientObject, EnvironmentObject } from '@gatehouse/shared/wire';
import { currentPageUrl, type GetTokenOptions, type ResourceCore } from './core/core.ts';
import { type GatehouseOptions, type ResolvedOptions, resolveOptions } from './core/options.ts';
import { type TabMessage, TabSync } from './core/tab-sync.ts';
import { isSignedOutError } from './errors.ts';
import { Client } from './resources/client.ts';
import { Environment } from './resources/environment.ts';
import {
  type HandleOAuthCallbackParams,
  handleRedirectCallback,
  type RedirectCallbackResult,
} from './resources/redirect-callback.ts';
import type { Session } from './resources/session.ts';
import type { SignIn } from './resources/sign-in.ts';
import type { SignUp } from './resources/sign-up.ts';
import type { User } from './resources/user.ts';
import { SessionCookies } from './tokens/session-cookies.ts';
import { SessionTokens } from './tokens/session-tokens.ts';
import { FapiClient, type FapiRequest } from './transport/fapi-client.ts';

export interface GatehouseState {
  loaded: boolean;
  environment: Environment | null;
  client: Client;
  /** The client's active session, or null when signed out. */
  session: Session | null;
  user: User | null;
  signIn: SignIn;
  signUp: SignUp;
}

export type Listener = (state: GatehouseState) => void;

type Envelope = { response: unknown; client: ClientObject | null };
type Source = 'local' | 'remote' | 'load';

const isEnvelope = (b: unknown): b is Envelope =>
  typeof b === 'object' && b !== null && !Array.isArray(b) && 'response' in b && 'client' in b;

/**
 * @example
 * const gatehouse = new Gatehouse('pk_test_...');
 * await gatehouse.load();
 * gatehouse.addListener(({ user }) => render(user));
 */
export class Gatehouse {
  readonly publishableKey: string;
  readonly frontendApiUrl: string;
  readonly #opts: ResolvedOptions;
  readonly #fapi: FapiClient;
  readonly #core: ResourceCore;
  readonly #sync: TabSync;
  readonly #tokens: SessionTokens;
  readonly #listeners = new Set<Listener>();
  #clientData: ClientObject | null = null;
  #state: GatehouseState;
  #loading: Promise<void> | null = null;
  #cookieSync: Promise<void> = Promise.resolve();
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(publishableKey: string, options: GatehouseOptions = {}) {
    this.publishableKey = publishableKey;
    this.#opts = resolveOptions(publishableKey, options);
    this.frontendApiUrl = this.#opts.frontendApiUrl;
    this.#fapi = new FapiClient({
      baseUrl: this.frontendApiUrl,
      mode: this.#opts.mode,
      tokenStore: this.#opts.tokenStore,
      fetch: this.#opts.fetch,
      retry: this.#opts.retry,
    });
    this.#core = {
      fetch: (req) => this.#fetch(req),
      getToken: (id, o) => this.#getToken(id, o),
      activeSessionId: () => this.#state.session?.id ?? null,
      navigate: (url) => this.navigate(url),
    };
    this.#sync = new TabSync(this.#opts.channelName, (m) => this.#onTabMessage(m));
    const target = this.#opts.cookieTarget;
    this.#tokens = new SessionTokens({
      request: (req) => this.#request(req),
      now: this.#opts.now,
      cookies: target ? new SessionCookies(target, this.#opts.secureCookies) : null,
      sync: this.#sync,
      clientId: () => this.#clientData?.id ?? null,
      activeSessionId: () => this.#state.session?.id ?? null,
    });
    this.#state = this.#stateFor(null, false, null);
  }

  get loaded(): boolean {
    return this.#state.loaded;
  }
  get environment(): Environment | null {
    return this.#state.environment;
  }
  get client(): Client {
    return this.#state.client;
  }
  get session(): Session | null {
    return this.#state.session;
  }
  get user(): User | null {
    return this.#state.user;
  }
  get signIn(): SignIn {
    return this.#state.signIn;
  }
  get signUp(): SignUp {
    return this.#state.signUp;
  }
  get isSignedIn(): boolean {
    return this.#state.session !== null;
  }
  /** A snapshot that changes identity on every update (for `useSyncExternalStore`). */
  get state(): GatehouseState {
    return this.#state;
  }

  /** Loads the environment and the client; resolves once `loaded` is true. Safe to call twice. */
  load(): Promise<void> {
    this.#loading ??= this.#load().catch((e) => {
      this.#loading = null;
      throw e;
    });
    return this.#loading;
  }

  async #load(): Promise<void> {
    this.#sync.open();
    const [env, wrapped] = await Promise.all([
      this.#request<EnvironmentObject>({ method: 'GET', path: '/v1/environment' }),
      this.#request<Envelope>({ method: 'GET', path: '/v1/client' }),
    ]);
    this.#state = { ...this.#state, loaded: true, environment: new Environment(env) };
    this.#applyClient(wrapped.client, 'load');
    const every = this.#opts.refreshIntervalMs;
    if (every !== null && this.#timer === null) {
      this.#timer = setInterval(() => void this.#refreshTick(every), every);
      (this.#timer as { unref?: () => void }).unref?.();
    }
  }

  /**
   * Makes a session the active one (after a sign-in or sign-up), waits for the session
   * cookies, then follows `redirectUrl`. `session: null` signs out.
   * @example await gatehouse.setActive({ session: signIn.createdSessionId, redirectUrl: '/dashboard' })
   */
  async setActive(params: { session: Session | string | null; redirectUrl?: string }): Promise<void> {
    const { session, redirectUrl } = params;
    if (session === null) return this.signOut(redirectUrl ? { redirectUrl } : {});
    const id = typeof session === 'string' ? session : session.id;
    await this.#fetch({
      method: 'POST',
      path: `/v1/client/sessions/${encodeURIComponent(id)}/touch`,
      idempotent: true,
    });
    await this.#cookieSync;
    if (redirectUrl) await this.navigate(redirectUrl);
  }

  /**
   * Signs out of one session, or of every session on this client. Other tabs learn at once.
   * A client the server already considers signed out is simply cleared.
   */
  async signOut(params: { sessionId?: string; redirectUrl?: string } = {}): Promise<void> {
    try {
      if (params.sessionId)
        await this.#fetch({ method: 'POST', path: `/v1/client/sessions/${encodeURIComponent(params.sessionId)}/end` });
      else await this.#fetch({ method: 'DELETE', path: '/v1/client/sessions' });
    } catch (e) {
      if (!isSignedOutError(e)) throw e;
    }
    await this.#cookieSync;
    if (params.redirectUrl) await this.navigate(params.redirectUrl);
  }

  /**
   * Back from a social provider (the page `authenticateWithRedirect`'s `redirectUrl` names):
   * reloads the client and carries on from its sign-in or sign-up (transfers to a sign-up or a
   * sign-in in one request, makes a completed session active), navigating to the matching URL
   * of `params` where one is given. Resolves with the outcome; throws the provider's refusal
   * (`oauth_access_denied`, ...) as a `GatehouseAPIError`. See `redirect-callback.ts`.
   * @example
   * await gatehouse.handleRedirectCallback({ redirectUrlComplete: '/dashboard', continueSignUpUrl: '/sign-up' })
   */
  async handleRedirectCallback(
    params: HandleOAuthCallbackParams = {},
    customNavigate?: (to: string) => unknown,
  ): Promise<RedirectCallbackResult> {
    return handleRedirectCallback(
      {
        reload: async () => {
          // A first load reads the client anyway; a page loaded earlier reads it again.
          const fresh = !this.loaded;
          await this.load();
          if (!fresh) {
            const wrapped = await this.#request<Envelope>({ method: 'GET', path: '/v1/client' });
            this.#applyClient(wrapped.client, 'local');
          }
          const { signIn, signUp, lastActiveSessionId } = this.#state.client;
          return { signIn, signUp, lastActiveSessionId };
        },
        setActive: (session) => this.setActive({ session }),
        navigate: async (url) => {
          await (customNavigate ? customNavigate(url) : this.navigate(url));
        },
      },
      params,
    );
  }

  /** Follows a URL with the `navigate` option (default `location.assign`). */
  async navigate(url: string): Promise<void> {
    await this.#opts.navigate(url);
  }

  /**
   * The sign-in page's URL (yours, or the instance's hosted one) with `redirect_url` set to
   * where the user should come back to (default: the current page).
   */
  buildSignInUrl(params: { signInUrl?: string; redirectUrl?: string } = {}): string {
    const base = params.signInUrl ?? this.#state.environment?.displayConfig.signInUrl ?? '/sign-in';
    const back = params.redirectUrl ?? currentPageUrl();
    const origin = (globalThis as { location?: { origin?: string } }).location?.origin ?? this.frontendApiUrl;
    const url = new URL(base, origin);
    if (back) url.searchParams.set('redirect_url', back);
    return base.startsWith('/') && url.origin === origin ? url.pathname + url.search : url.toString();
  }

  /** Navigates to the sign-in page (see `buildSignInUrl`). */
  redirectToSignIn(params: { signInUrl?: string; redirectUrl?: string } = {}): Promise<void> {
    return this.navigate(this.buildSignInUrl(params));
  }

  /**
   * Calls `listener` with the new state on every change (and at once when loaded, unless
   * `skipInitialEmit`). Returns the function that removes it.
   */
  addListener(listener: Listener, opts: { skipInitialEmit?: boolean } = {}): () => void {
    this.#listeners.add(listener);
    if (this.#state.loaded && !opts.skipInitialEmit) listener(this.#state);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Stops the background refresh and tab sync (tests, or an app that unmounts the SDK). */
  destroy(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.#sync.close();
    this.#listeners.clear();
  }

  async #request<T>(req: FapiRequest): Promise<T> {
    try {
      return await this.#fapi.request<T>(req);
    } catch (e) {
      if (isSignedOutError(e)) this.#signedOutByServer(e.errors[0]?.meta.sessionId);
      throw e;
    }
  }

  async #fetch<T>(req: FapiRequest): Promise<T> {
    const body = await this.#request<unknown>(req);
    if (!isEnvelope(body)) return body as T;
    this.#applyClient(body.client, 'local');
    return body.response as T;
  }

  async #getToken(sessionId: string, opts: GetTokenOptions = {}): Promise<string | null> {
    if (!this.#state.client.signedInSessions.some((s) => s.id === sessionId)) return null;
    try {
      return await this.#tokens.get(sessionId, opts);
    } catch (e) {
      if (isSignedOutError(e)) return null;
      throw e;
    }
  }

  #stateFor(data: ClientObject | null, loaded: boolean, environment: Environment | null): GatehouseState {
    const client = new Client(this.#core, data);
    const session = client.lastActiveSession;
    return {
      loaded,
      environment,
      client,
      session,
      user: session?.user ?? null,
      signIn: client.signIn,
      signUp: client.signUp,
    };
  }

  #applyClient(data: ClientObject | null, source: Source): void {
    const before = this.#state.session?.id ?? null;
    this.#clientData = data;
    this.#state = this.#stateFor(data, this.#state.loaded, this.#state.environment);
    this.#tokens.retain(this.#state.client.sessions.map((s) => s.id));
    const after = this.#state.session?.id ?? null;
    if (before !== after || source === 'load') this.#sessionChanged(after, source);
    this.#emit();
  }

  #sessionChanged(sessionId: string | null, source: Source): void {
    if (source === 'remote') return; // the tab that made the change wrote the cookies
    const clientId = this.#clientData?.id ?? null;
    if (source === 'local')
      this.#sync.post(sessionId ? { type: 'session_changed', clientId } : { type: 'signed_out', clientId });
    // Cookie sync failures are not sign-outs; the next refresh or getToken() tries again.
    this.#cookieSync = this.#tokens.sessionChanged(sessionId).catch(() => undefined);
  }

  /** The server said a session (or the whole client) is over: drop it without asking again. */
  #signedOutByServer(sessionId: unknown): void {
    this.#dropSessions(typeof sessionId === 'string' ? sessionId : null, 'local');
  }

  #dropSessions(sessionId: string | null, source: Source): void {
    const data = this.#clientData;
    if (!data) return;
    const sessions = sessionId === null ? [] : data.sessions.filter((s) => s.id !== sessionId);
    const last = sessions.some((s) => s.id === data.last_active_session_id) ? data.last_active_session_id : null;
    this.#applyClient({ ...data, sessions, last_active_session_id: last }, source);
  }

  #onTabMessage(m: TabMessage): void {
    const mine = this.#clientData?.id ?? null;
    if (m.clientId !== null && mine !== null && m.clientId !== mine) return;
    if (m.type === 'signed_out') this.#dropSessions(null, 'remote');
    else if (m.type === 'session_changed') void this.#reloadClient().catch(() => undefined);
    else if (this.#state.client.sessions.some((s) => s.id === m.sessionId)) this.#tokens.accept(m);
  }

  async #reloadClient(): Promise<void> {
    const wrapped = await this.#request<Envelope>({ method: 'GET', path: '/v1/client' });
    this.#applyClient(wrapped.client, 'remote');
  }

  async #refreshTick(every: number): Promise<void> {
    const id = this.#state.session?.id;
    if (!id || this.#tokens.isFresh(id, every / 2)) return;
    await this.#sync
      .exclusive(async () => {
        if (!this.#tokens.isFresh(id, every / 2)) await this.#getToken(id, { skipCache: true });
      })
      .catch(() => undefined);
  }

  #emit(): void {
    const state = this.#state;
    for (const l of [...this.#listeners])
      try {
        l(state);
      } catch (e) {
        // A broken listener must not stop the others; surface its error asynchronously.
        queueMicrotask(() => {
          throw e;
        });
      }
  }
}
