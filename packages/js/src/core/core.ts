/**
 * What resources (SignIn, SignUp, Session, User, ...) need from the SDK instance: send a
 * Frontend API request whose `{ response, client }` answer updates the client state, and mint
 * session tokens through the shared cache. Resources never hold the instance itself.
 */
import type { FapiRequest } from '../transport/fapi-client.ts';

export interface GetTokenOptions {
  /** Mint a new token even when the cached one is still fresh. */
  skipCache?: boolean;
}

export interface ResourceCore {
  /**
   * Sends a request. An enveloped answer updates the client (and notifies listeners) and
   * resolves to its `response`; any other answer resolves to the body as it is.
   */
  fetch<T>(req: FapiRequest): Promise<T>;
  getToken(sessionId: string, opts?: GetTokenOptions): Promise<string | null>;
  /** The id of the session the SDK acts for (`_clerk_session_id` of `/v1/me` calls). */
  activeSessionId(): string | null;
  /** Sends the browser to `url` (the `navigate` option; a provider's authorization page). */
  navigate(url: string): Promise<void>;
}

/** `/v1/me` requests name the session they act for. */
export const meQuery = (sessionId: string | null): Record<string, string | undefined> => ({
  _clerk_session_id: sessionId ?? undefined,
});

/**
 * `url` made absolute against the current page (a browser's `location`), as the Frontend API
 * wants its `redirect_url`s; as it is where there is no page (Node, native apps).
 */
export function absoluteUrl(url: string): string {
  const here = currentPageUrl();
  if (!here || here === 'about:blank') return url;
  try {
    return new URL(url, here).href;
  } catch {
    return url;
  }
}

/** The current page's URL (a browser's `location.href`); undefined where there is no page. */
export const currentPageUrl = (): string | undefined => (globalThis as { location?: { href?: string } }).location?.href;
