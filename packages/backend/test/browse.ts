import type { Browser } from '../../server/test/fixtures/http-client.ts';
import type { TestServer } from '../../server/test/fixtures/server.ts';

/** Follows redirects across the app and the Frontend API like a browser with one cookie jar per host. */
export async function browse(
  server: TestServer,
  browser: Browser,
  url: string,
  appCookies: Map<string, string>,
): Promise<{ status: number; body: string; hops: string[] }> {
  const hops: string[] = [];
  for (let i = 0; i < 6; i++) {
    const onApi = url.startsWith(server.url);
    let res: Response;
    if (onApi) {
      const r = await browser.request('GET', url.slice(server.url.length));
      res = new Response(typeof r.body === 'string' ? r.body : JSON.stringify(r.body), {
        status: r.status,
        headers: r.headers,
      });
    } else {
      res = await fetch(url, {
        redirect: 'manual',
        headers: {
          accept: 'text/html',
          'sec-fetch-dest': 'document',
          cookie: [...appCookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const eq = pair!.indexOf('=');
        const value = pair!.slice(eq + 1);
        if (/max-age=0/i.test(c)) appCookies.delete(pair!.slice(0, eq));
        else appCookies.set(pair!.slice(0, eq), value);
      }
    }
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url).toString();
      hops.push(url.replace(/__clerk_handshake=[^&]+/, '__clerk_handshake=…'));
      continue;
    }
    return { status: res.status, body: await res.text(), hops };
  }
  throw new Error(`too many redirects: ${hops.join(' -> ')}`);
}
