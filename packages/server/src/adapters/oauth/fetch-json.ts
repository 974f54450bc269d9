/**
 * Calls a provider's profile endpoints with an access token, as JSON, within the provider
 * budget: a GET by default, or a POST with a JSON body (Dropbox's RPC endpoints, Linear's
 * GraphQL), with the extra headers a provider requires (Twitch's `Client-Id`).
 */
import { providerFailure, TIMEOUT_MS } from './provider-failure.ts';

export interface FetchJsonOptions {
  /** `POST` sends `json` (JSON-encoded, `null` included) as the body. Default `GET`. */
  method?: 'GET' | 'POST';
  json?: unknown;
  /** Headers the provider requires besides the bearer token. */
  headers?: Record<string, string>;
}

/** Calls a provider URL with the access token and returns its JSON (throws `oauth_provider_error`). */
export type FetchJson = (url: string, accessToken: string, opts?: FetchJsonOptions) => Promise<unknown>;

/** Calls a profile endpoint for JSON; the HTTP status travels in `meta.status` for callers that expect a 404. */
export const fetchJson: FetchJson = async (url, accessToken, opts = {}) => {
  const post = opts.method === 'POST';
  let res: Response;
  try {
    res = await fetch(url, {
      method: post ? 'POST' : 'GET',
      headers: {
        ...opts.headers,
        authorization: `Bearer ${accessToken}`,
        accept: 'application/json',
        'user-agent': 'Gatehouse',
        ...(post ? { 'content-type': 'application/json' } : {}),
      },
      ...(post ? { body: JSON.stringify(opts.json ?? null) } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw providerFailure('profile_unreachable', e);
  }
  const text = await res.text();
  if (!res.ok) {
    const e = providerFailure('profile_request_failed', new Error(`HTTP ${res.status} from ${new URL(url).origin}`));
    e.meta.status = res.status;
    throw e;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw providerFailure('profile_malformed', e);
  }
};
