/**
 * One view of an incoming request, from a Fetch `Request` (edge runtimes, Hono, Next.js) or a
 * Node `IncomingMessage` (Express, Fastify). Only structural access: no Node-only imports.
 */
export interface RequestData {
  /** The request target as received (absolute for Fetch requests, a path for Node ones). */
  rawUrl: string;
  readonly url: URL;
  method: string;
  header(name: string): string | undefined;
  cookie(name: string): string | undefined;
  /** A top-level page load that may be redirected (not fetch/XHR, not an API client). */
  readonly isDocument: boolean;
}

/** The shape of Node's IncomingMessage that we read. */
export interface NodeRequestLike {
  url?: string;
  method?: string;
  headers: Record<string, string | string[] | undefined>;
  /** A TLS socket has `encrypted: true`. */
  socket?: unknown;
}

export const isFetchRequest = (r: unknown): r is Request =>
  typeof r === 'object' && r !== null && 'headers' in r && typeof (r as Request).headers?.get === 'function';

export function parseCookies(header: string | undefined | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (out.has(name)) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      out.set(name, decodeURIComponent(raw));
    } catch {
      out.set(name, raw);
    }
  }
  return out;
}

function isDocumentRequest(method: string, header: (n: string) => string | undefined): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const dest = header('sec-fetch-dest');
  if (dest) return dest === 'document' || dest === 'iframe';
  return (header('accept') ?? '').includes('text/html');
}

/**
 * Parsing is lazy: a bearer-token API call never needs the URL object, the cookies or the
 * document check, and authenticating one is the hot path.
 */
function lazyRequestData(
  rawUrl: string,
  makeUrl: () => URL,
  method: string,
  header: (n: string) => string | undefined,
): RequestData {
  let url: URL | undefined;
  let cookies: Map<string, string> | undefined;
  let isDocument: boolean | undefined;
  return {
    rawUrl,
    get url() {
      url ??= makeUrl();
      return url;
    },
    method,
    header,
    cookie: (n) => {
      cookies ??= parseCookies(header('cookie'));
      return cookies.get(n);
    },
    get isDocument() {
      isDocument ??= isDocumentRequest(method, header);
      return isDocument;
    },
  };
}

export function toRequestData(req: Request | NodeRequestLike): RequestData {
  if (isFetchRequest(req)) {
    const header = (n: string) => req.headers.get(n) ?? undefined;
    return lazyRequestData(req.url, () => new URL(req.url), req.method, header);
  }
  const header = (n: string) => {
    const v = req.headers[n.toLowerCase()];
    return Array.isArray(v) ? v.join(', ') : v;
  };
  const makeUrl = () => {
    const proto =
      header('x-forwarded-proto')?.split(',')[0]?.trim() ??
      ((req.socket as { encrypted?: boolean } | undefined)?.encrypted ? 'https' : 'http');
    const host = header('x-forwarded-host')?.split(',')[0]?.trim() ?? header('host') ?? 'localhost';
    return new URL(req.url ?? '/', `${proto}://${host}`);
  };
  return lazyRequestData(req.url ?? '/', makeUrl, req.method ?? 'GET', header);
}
