/** GETs a provider's profile endpoints with an access token, as JSON, within the provider budget. */
import { providerFailure, TIMEOUT_MS } from './provider-failure.ts';

/** GETs a provider URL with the access token and returns its JSON (throws `oauth_provider_error`). */
export type FetchJson = (url: string, accessToken: string) => Promise<unknown>;

/** GETs a profile endpoint as JSON; the HTTP status travels in `meta.status` for callers that expect a 404. */
export const fetchJson: FetchJson = async (url, accessToken) => {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json', 'user-agent': 'Gatehouse' },
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
