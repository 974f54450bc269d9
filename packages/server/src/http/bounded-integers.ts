/**
 * Refuses, when a route is registered, any request schema (body, query, path, headers) with a
 * number that lacks a `minimum` and a `maximum` within ±(2^53 − 1): an unbounded one lets a
 * caller send `offset=1e20`, which passes validation and then overflows the database (a 500).
 * A programming error, so it throws at start-up rather than answering a request.
 */
import { MAX_REQUEST_INTEGER } from '@gatehouse/shared/wire';
import type { FastifyInstance, RouteOptions } from 'fastify';

const PARTS = ['body', 'querystring', 'params', 'headers'] as const;

const isNumeric = (type: unknown) =>
  type === 'integer' ||
  type === 'number' ||
  (Array.isArray(type) && type.some((t) => t === 'integer' || t === 'number'));

const bounded = (node: Record<string, unknown>) =>
  typeof node.minimum === 'number' &&
  typeof node.maximum === 'number' &&
  node.minimum >= -MAX_REQUEST_INTEGER &&
  node.maximum <= MAX_REQUEST_INTEGER;

/** The paths (JSON pointer) of the unbounded numbers in a schema. Schemas are code, not input: a plain walk. */
export function unboundedNumbers(schema: unknown): string[] {
  const found: string[] = [];
  const stack: Array<{ node: unknown; path: string }> = [{ node: schema, path: '' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const obj = node as Record<string, unknown>;
    if (isNumeric(obj.type) && !bounded(obj)) found.push(path || '/');
    for (const [key, value] of Object.entries(obj))
      if (value !== null && typeof value === 'object') stack.push({ node: value, path: `${path}/${key}` });
  }
  return found.sort();
}

export function refuseUnboundedNumbers(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    for (const part of PARTS) {
      const paths = unboundedNumbers(route.schema?.[part]);
      if (paths.length > 0)
        throw new TypeError(
          `${String(route.method)} ${route.url}: ${part} ${paths.join(', ')} needs a minimum and a maximum within ±${MAX_REQUEST_INTEGER}`,
        );
    }
  });
}
