/**
 * Where the Frontend API lives: a publishable key is `pk_test_` or `pk_live_` followed by the
 * base64 of `<frontend api host>$`. Loopback hosts (localhost, 127.0.0.1, [::1], *.localhost)
 * are reached over http, every other host over https.
 */
const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\]|[^:/]+\.localhost)(:\d+)?$/;

/**
 * @example frontendApiFromPublishableKey('pk_test_bG9jYWxob3N0OjQwMDAk') // 'http://localhost:4000'
 */
export function frontendApiFromPublishableKey(publishableKey: string): string {
  const m = /^pk_(test|live)_([A-Za-z0-9+/=]+)$/.exec(publishableKey);
  let decoded = '';
  try {
    decoded = m ? atob(m[2]!) : '';
  } catch {
    decoded = '';
  }
  if (!decoded.endsWith('$') || decoded.length < 2 || /[\s/?#@]/.test(decoded.slice(0, -1)))
    throw new TypeError('publishableKey is not a Gatehouse publishable key');
  const host = decoded.slice(0, -1);
  return `${LOOPBACK.test(host) ? 'http' : 'https'}://${host}`;
}
