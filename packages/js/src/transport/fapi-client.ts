/**
 * One Frontend API request, in either of the two ways a client authenticates:
 * - browser (`cookie`): `credentials: 'include'`, the server's HttpOnly `__client` cookie does
 *   the rest;
 * - native (`native`): `?_is_native=true` and `Authorization: Bearer <client token>`; a new
 *   token in the `Authorization` response header replaces the stored one (the server rotates
 *   it on sign-in and sign-out).
 * Bodies are form-encoded. Requests marked `idempotent` (reads, token minting) are retried on
 * network errors and 5xx; others are sent once, since repeating a step whose answer was lost
 * could act twice. A non-2xx answer throws `GatehouseAPIError`, no answer `GatehouseNetworkError`.
 */
import { GatehouseAPIError, GatehouseNetworkError } from '../errors.ts';
import type { ClientTokenStore } from './client-token-store.ts';
import { formBody } from './form-body.ts';
import { type RetryOptions, withRetry } from './retry.ts';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface FapiRequest {
  method: HttpMethod;
  path: string;
  body?: Record<string, unknown>;
  query?: Record<string, string | undefined>;
  /** Safe to repeat; defaults to true for GET. */
  idempotent?: boolean;
}

export interface FapiClientOptions {
  baseUrl: string;
  mode: 'cookie' | 'native';
  tokenStore: ClientTokenStore;
  fetch: typeof fetch;
  retry: Required<RetryOptions>;
}

const isTransient = (e: unknown) =>
  e instanceof GatehouseNetworkError || (e instanceof GatehouseAPIError && e.status >= 500);

export class FapiClient {
  readonly #opts: FapiClientOptions;

  constructor(opts: FapiClientOptions) {
    this.#opts = opts;
  }

  get mode(): 'cookie' | 'native' {
    return this.#opts.mode;
  }

  request<T>(req: FapiRequest): Promise<T> {
    const once = () => this.#send<T>(req);
    return (req.idempotent ?? req.method === 'GET') ? withRetry(once, isTransient, this.#opts.retry) : once();
  }

  async #send<T>(req: FapiRequest): Promise<T> {
    const { baseUrl, mode, tokenStore } = this.#opts;
    const url = new URL(baseUrl + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const headers: Record<string, string> = { accept: 'application/json' };
    const init: RequestInit = { method: req.method, headers };
    if (mode === 'native') {
      url.searchParams.set('_is_native', 'true');
      const token = await tokenStore.get();
      if (token) headers.authorization = `Bearer ${token}`;
    } else init.credentials = 'include';
    const body = req.body ? formBody(req.body) : null;
    if (body) {
      init.body = body.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }

    let res: Response;
    try {
      res = await this.#opts.fetch(url.toString(), init);
    } catch (e) {
      throw new GatehouseNetworkError(`Could not reach the Frontend API (${req.method} ${req.path}).`, { cause: e });
    }
    if (mode === 'native') {
      const issued = res.headers.get('authorization');
      if (issued) await tokenStore.set(issued.replace(/^Bearer\s+/i, ''));
    }
    let parsed: unknown = null;
    try {
      const text = await res.text();
      parsed = text === '' ? null : JSON.parse(text);
    } catch (e) {
      if (res.ok) throw new GatehouseNetworkError('The Frontend API answer could not be read.', { cause: e });
    }
    if (!res.ok) throw GatehouseAPIError.fromBody(res.status, parsed);
    return parsed as T;
  }
}
