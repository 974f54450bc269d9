/**
 * Which provider URLs Gatehouse talks to: https, or plain http to this machine only (a
 * provider-compatible server next to Gatehouse, as in development and the tests). A code, a
 * client secret or a token never crosses a network in the clear.
 */
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

export const isLoopbackHttp = (url: string): boolean => {
  const u = new URL(url);
  return u.protocol === 'http:' && LOOPBACK_HOSTS.includes(u.hostname);
};

export const isSecureProviderUrl = (url: string): boolean => new URL(url).protocol === 'https:' || isLoopbackHttp(url);
