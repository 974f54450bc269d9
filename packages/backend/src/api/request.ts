/**
 * One Backend API request: JSON in, JSON out, `Authorization: Bearer <secret key>`; a non-2xx
 * answer becomes a `GatehouseAPIError` with the API's error entries (or a synthetic
 * `unexpected_response` entry when the body is not the error format).
 */
import { type APIErrorEntry, GatehouseAPIError } from '../errors.ts';

export interface RequestOptions {
  apiUrl: string;
  secretKey: string;
  fetch?: typeof fetch;
}

export type Query = Record<string, string | number | boolean | string[] | undefined>;

export async function apiRequest<T>(
  opts: RequestOptions,
  method: string,
  path: string,
  init: { query?: Query; body?: unknown } = {},
): Promise<T> {
  const url = new URL(`${opts.apiUrl}${path}`);
  for (const [k, v] of Object.entries(init.query ?? {})) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) url.searchParams.append(k, x);
    else url.searchParams.set(k, String(v));
  }
  const headers: Record<string, string> = { authorization: `Bearer ${opts.secretKey}`, accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await (opts.fetch ?? fetch)(url, {
    method,
    headers,
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = null;
  }
  if (!res.ok) {
    const errors = (body as { errors?: APIErrorEntry[] } | null)?.errors;
    throw new GatehouseAPIError(
      res.status,
      Array.isArray(errors)
        ? errors
        : [{ code: 'unexpected_response', message: `HTTP ${res.status}`, long_message: text.slice(0, 200), meta: {} }],
      (body as { clerk_trace_id?: string } | null)?.clerk_trace_id,
    );
  }
  return body as T;
}
