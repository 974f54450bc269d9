/**
 * Where an instance's APIs live. A publishable key (`pk_test_`/`pk_live_` + base64 of
 * `<frontend api host>$`) names the Frontend API host; a Gatehouse deployment serves the
 * Backend API on the same origin unless `apiUrl` says otherwise. Loopback hosts use http.
 */
const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\]|[^:]+\.localhost)(:\d+)?$/;

export function frontendApiFromPublishableKey(publishableKey: string): string {
  const m = /^pk_(test|live)_([A-Za-z0-9+/=]+)$/.exec(publishableKey);
  const decoded = m ? atob(m[2]!) : '';
  if (!decoded.endsWith('$') || decoded.length < 2)
    throw new TypeError('publishableKey is not a Gatehouse publishable key');
  const host = decoded.slice(0, -1);
  return `${LOOPBACK.test(host) ? 'http' : 'https'}://${host}`;
}

export interface EndpointOptions {
  publishableKey?: string;
  apiUrl?: string;
  frontendApiUrl?: string;
}

export function resolveEndpoints(opts: EndpointOptions): { frontendApiUrl: string | null; apiUrl: string | null } {
  const frontendApiUrl =
    opts.frontendApiUrl?.replace(/\/$/, '') ??
    (opts.publishableKey ? frontendApiFromPublishableKey(opts.publishableKey) : null);
  const apiUrl = opts.apiUrl?.replace(/\/$/, '') ?? frontendApiUrl;
  return { frontendApiUrl, apiUrl };
}
