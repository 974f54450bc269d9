/** Asserts an error response: HTTP status and code from the registry, its public message, and meta. */
import { ERRORS, type ErrorCode } from '@gatehouse/shared';
import { expect } from 'vitest';
import type { HttpResult } from '../fixtures/http-client.ts';

export function expectError(r: HttpResult, code: ErrorCode, meta?: Record<string, unknown>): void {
  expect(r.status, JSON.stringify(r.body)).toBe(ERRORS[code].status);
  expect(r.body.errors).toHaveLength(1);
  expect(r.body.errors[0]).toMatchObject({ code, message: ERRORS[code].message });
  expect(typeof r.body.errors[0].long_message).toBe('string');
  if (meta) expect(r.body.errors[0].meta).toMatchObject(meta);
}

/** The payload of a JWT, without verifying it. */
export const jwtPayload = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());
