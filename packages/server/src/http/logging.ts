/**
 * What a request log line holds: method, path, query parameter NAMES (never values, which can
 * carry tokens), status, timing, request id. Headers that carry secrets are never logged, and
 * pino redaction removes them if some code tries.
 */
import type { FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'res.headers.authorization',
  '*.password',
  '*.code',
  '*.token',
  '*.secret',
];

const safeUrl = (url: string): string => {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const keys = [...new URLSearchParams(url.slice(q + 1)).keys()];
  return `${url.slice(0, q)}?${keys.map((k) => `${k}=…`).join('&')}`;
};

export const loggerOptions = (level: string): LoggerOptions => ({
  level,
  redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  serializers: {
    req: (req: FastifyRequest) => ({ method: req.method, url: safeUrl(req.url), host: req.host, ip: req.ip }),
    res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
  },
});
