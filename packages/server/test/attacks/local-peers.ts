/**
 * Local HTTP servers that speak the protocols of the third parties attack protection talks to,
 * for tests: HaveIBeenPwned's Pwned Passwords range API and Cloudflare Turnstile's siteverify.
 * Each records every request it receives, exactly as received.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface LocalPeer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

async function listen(
  handle: (req: RecordedRequest) => { status: number; type: string; body: string } | null,
): Promise<LocalPeer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const answer = handle(recorded);
      if (answer === null) return; // never answers: a hung peer
      res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const sha1Hex = (password: string) => createHash('sha1').update(password, 'utf8').digest('hex').toUpperCase();

/**
 * The range API over a corpus of breached passwords (password → times seen). With
 * `Add-Padding: true` it adds entries of count 0, as the real service does. `hang` makes it
 * accept connections and never answer.
 */
export function startPwnedPasswords(corpus: Record<string, number>, opts: { hang?: boolean } = {}) {
  const hashes = Object.entries(corpus).map(([p, n]) => [sha1Hex(p), n] as const);
  return listen((req) => {
    if (opts.hang) return null;
    const m = /^\/range\/([0-9A-F]{5})$/.exec(req.url);
    if (req.method !== 'GET' || !m) return { status: 400, type: 'text/plain', body: 'The hash prefix was not valid.' };
    const lines = hashes.filter(([h]) => h.startsWith(m[1]!)).map(([h, n]) => `${h.slice(5)}:${n}`);
    if (req.headers['add-padding'] === 'true')
      for (let i = 0; i < 5; i++)
        lines.push(`${createHash('sha1').update(`pad${i}${m[1]}`).digest('hex').slice(5).toUpperCase()}:0`);
    return { status: 200, type: 'text/plain', body: lines.join('\r\n') };
  });
}

/** Turnstile's siteverify: `valid` tokens pass once each (as Cloudflare's do), for `secret`. */
export function startSiteverify(secret: string, valid: Set<string>) {
  const used = new Set<string>();
  return listen((req) => {
    const form = new URLSearchParams(req.body);
    const token = form.get('response') ?? '';
    let outcome: { success: boolean; 'error-codes': string[] };
    if (form.get('secret') !== secret) outcome = { success: false, 'error-codes': ['invalid-input-secret'] };
    else if (used.has(token)) outcome = { success: false, 'error-codes': ['timeout-or-duplicate'] };
    else if (valid.has(token)) {
      used.add(token);
      outcome = { success: true, 'error-codes': [] };
    } else outcome = { success: false, 'error-codes': ['invalid-input-response'] };
    return { status: 200, type: 'application/json', body: JSON.stringify(outcome) };
  });
}
