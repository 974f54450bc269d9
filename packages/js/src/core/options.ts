/**
 * Options of `new Gatehouse(publishableKey, options)` and the defaults they resolve to.
 * A page with a `document` is a browser: the `__client` cookie authenticates, session cookies
 * are written for the app's backend, tabs stay in sync and a background refresh runs. Anything
 * else (Node, React Native, tests) is native: the client token is kept in memory (or your
 * store) and sent as `Authorization: Bearer`, with no cookies, tab sync or timer unless asked.
 */

import { type ClientTokenStore, memoryTokenStore } from '../transport/client-token-store.ts';
import { DEFAULT_RETRY, type RetryOptions } from '../transport/retry.ts';
import { frontendApiFromPublishableKey } from './publishable-key.ts';

export interface GatehouseOptions {
  /** The Frontend API origin; by default read from the publishable key. */
  frontendApiUrl?: string;
  /**
   * `cookie`: the browser's HttpOnly `__client` cookie (default when there is a `document`).
   * `memory`: native mode with the token in memory (default elsewhere). Or your own store.
   */
  clientTokenStorage?: 'cookie' | 'memory' | ClientTokenStore;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** The clock (ms since the epoch) used to judge token expiry. Defaults to `Date.now`. */
  now?: () => number;
  /** Background token refresh period; default 50 000 ms in browsers, off elsewhere. */
  tokenRefreshIntervalMs?: number | false;
  /** BroadcastChannel name shared by tabs (`true`: the default name); default on in browsers. */
  tabSync?: string | boolean;
  /** Write `__session` and `__client_uat` on the app's domain; default on in browsers. */
  sessionCookies?: boolean;
  /** Backoff for requests that are safe to repeat. */
  retry?: RetryOptions;
  /** How `redirectUrl`s are followed; default `location.assign`. Pass your router's push. */
  navigate?: (url: string) => unknown;
}

export interface ResolvedOptions {
  frontendApiUrl: string;
  mode: 'cookie' | 'native';
  tokenStore: ClientTokenStore;
  fetch: typeof fetch;
  now: () => number;
  refreshIntervalMs: number | null;
  channelName: string | null;
  cookieTarget: { cookie: string } | null;
  secureCookies: boolean;
  retry: Required<RetryOptions>;
  navigate: (url: string) => unknown;
}

export const DEFAULT_REFRESH_INTERVAL_MS = 50_000;

export function resolveOptions(publishableKey: string, o: GatehouseOptions): ResolvedOptions {
  const doc = (globalThis as { document?: { cookie: string } }).document;
  const storage = o.clientTokenStorage ?? (doc ? 'cookie' : 'memory');
  const mode = storage === 'cookie' ? 'cookie' : 'native';
  const browser = mode === 'cookie' && doc !== undefined;
  const frontendApiUrl = (o.frontendApiUrl ?? frontendApiFromPublishableKey(publishableKey)).replace(/\/+$/, '');
  const refresh = o.tokenRefreshIntervalMs ?? (browser ? DEFAULT_REFRESH_INTERVAL_MS : false);
  const sync = o.tabSync ?? browser;
  return {
    frontendApiUrl,
    mode,
    tokenStore: typeof storage === 'object' ? storage : memoryTokenStore(),
    fetch: o.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    now: o.now ?? Date.now,
    refreshIntervalMs: refresh === false ? null : refresh,
    channelName: sync === false ? null : sync === true ? `gatehouse:${publishableKey}` : sync,
    cookieTarget: (o.sessionCookies ?? browser) && doc ? doc : null,
    secureCookies: (globalThis as { location?: { protocol?: string } }).location?.protocol === 'https:',
    retry: { ...DEFAULT_RETRY, ...o.retry },
    navigate:
      o.navigate ??
      ((url) => {
        (globalThis as { location?: { assign(u: string): void } }).location?.assign(url);
      }),
  };
}
