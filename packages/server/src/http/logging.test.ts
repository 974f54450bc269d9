import { Writable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import pino, { type LoggerOptions } from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from './logging.ts';

type ReqSerializer = (req: FastifyRequest) => { method: string; url: string; host: string; ip: string };

const serializeReq = (url: string) => {
  const serializer = loggerOptions('info').serializers?.req as ReqSerializer;
  const req = {
    method: 'GET',
    url,
    host: 'localhost:3000',
    ip: '127.0.0.1',
    headers: { authorization: 'Bearer sk_test_secret', cookie: '__client=secret' },
  };
  return serializer(req as unknown as FastifyRequest);
};

/** A pino logger with the server's options that keeps its lines for inspection. */
const capture = (overrides: Partial<LoggerOptions> = {}) => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(JSON.parse(String(chunk)));
      cb();
    },
  });
  return { logger: pino({ ...loggerOptions('info'), ...overrides }, sink), lines };
};

describe('request serializer', () => {
  it('keeps a URL without a query string as it is', () => {
    expect(serializeReq('/v1/client/sign_ins').url).toBe('/v1/client/sign_ins');
  });

  it('keeps query parameter names and drops their values', () => {
    const r = serializeReq('/v1/client?__clerk_db_jwt=dvb_secret&_clerk_js_version=5.0.0');
    expect(r.url).toBe('/v1/client?__clerk_db_jwt=…&_clerk_js_version=…');
    expect(r.url).not.toContain('dvb_secret');
    expect(r.url).not.toContain('5.0.0');
  });

  it('drops values that are URL-encoded or repeated', () => {
    const r = serializeReq('/v1/users?email_address=ada%40example.com&email_address=bob%40example.com');
    expect(r.url).toBe('/v1/users?email_address=…&email_address=…');
    expect(r.url).not.toContain('example.com');
  });

  it('keeps names of parameters without a value', () => {
    expect(serializeReq('/v1/users?flag&x=1').url).toBe('/v1/users?flag=…&x=…');
  });

  it('keeps only method, url, host and ip: no headers', () => {
    const r = serializeReq('/v1/me');
    expect(r).toEqual({ method: 'GET', url: '/v1/me', host: 'localhost:3000', ip: '127.0.0.1' });
  });

  it('keeps the query names only in a real log line', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        req: {
          method: 'POST',
          url: '/v1/client/sign_ins?token=abc123',
          host: 'h',
          ip: '::1',
          headers: { authorization: 'Bearer x' },
        },
      },
      'request',
    );
    expect(lines[0]?.req).toEqual({ method: 'POST', url: '/v1/client/sign_ins?token=…', host: 'h', ip: '::1' });
    expect(JSON.stringify(lines[0])).not.toContain('abc123');
  });
});

describe('redaction', () => {
  it('censors password, code, token and secret fields one level deep', () => {
    const { logger, lines } = capture();
    logger.info({ body: { password: 'hunter2', code: '424242', token: 'tok', secret: 'sek', name: 'Ada' } }, 'x');
    expect(lines[0]?.body).toEqual({
      password: '[redacted]',
      code: '[redacted]',
      token: '[redacted]',
      secret: '[redacted]',
      name: 'Ada',
    });
  });

  it('censors authorization and cookie request headers and set-cookie response headers', () => {
    // Without the serializers, which would drop the headers before redaction sees them.
    const { logger, lines } = capture({ serializers: {} });
    logger.info({
      req: { headers: { authorization: 'Bearer sk_test_x', cookie: '__client=y', accept: '*/*' } },
      res: { headers: { 'set-cookie': '__client=z', authorization: 'Bearer z' } },
    });
    expect(lines[0]).toMatchObject({
      req: { headers: { authorization: '[redacted]', cookie: '[redacted]', accept: '*/*' } },
      res: { headers: { 'set-cookie': '[redacted]', authorization: '[redacted]' } },
    });
  });
});
