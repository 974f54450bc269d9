/**
 * A local server speaking the Twilio Messages API (`POST /2010-04-01/Accounts/{Sid}/Messages.json`):
 * it checks HTTP Basic auth like Twilio (401 with code 20003), records every form it gets,
 * and answers 201 with a message resource, or the error the test asks for in Twilio's shape.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSms {
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  form: Record<string, string>;
}

export interface TwilioFake {
  url: string;
  received: ReceivedSms[];
  /** The next answers are this Twilio error, until cleared with null. */
  failWith(error: { status: number; code: number; message: string } | null): void;
  close(): Promise<void>;
}

const read = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
};

export async function startTwilioFake(accountSid: string, authToken: string): Promise<TwilioFake> {
  const received: ReceivedSms[] = [];
  let failure: { status: number; code: number; message: string } | null = null;
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const server = createServer(async (req, res) => {
    const body = await read(req);
    const answer = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    if (req.method !== 'POST' || !match)
      return answer(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    if (req.headers.authorization !== expectedAuth || match[1] !== accountSid)
      return answer(401, { code: 20003, message: 'Authenticate', status: 401 });
    const form = Object.fromEntries(new URLSearchParams(body));
    received.push({ path, authorization: req.headers.authorization, contentType: req.headers['content-type'], form });
    if (failure)
      return answer(failure.status, { ...failure, more_info: `https://www.twilio.com/docs/errors/${failure.code}` });
    answer(201, {
      sid: `SM${String(received.length).padStart(32, '0')}`,
      status: 'queued',
      to: form.To,
      from: form.From ?? null,
      messaging_service_sid: form.MessagingServiceSid ?? null,
      body: form.Body,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    failWith: (e) => {
      failure = e;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
