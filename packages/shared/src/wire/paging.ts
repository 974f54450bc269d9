/**
 * Paging parameters of every list route, and the bound every integer a request carries must have:
 * - `offset` goes up to 2^53 − 1, the largest integer JavaScript reads exactly; PostgreSQL's
 *   bigint and SQLite's INTEGER both hold it (they stop at 2^63 − 1), so no value a schema
 *   accepts can overflow the database (`offset=1e20` is refused with 422, not a 500);
 * - `limit` is bounded by the route's own page size.
 * The server refuses to register a route whose request schema has an integer without both
 * bounds (`http/bounded-integers.ts`).
 */
import { Type } from 'typebox';

/** The largest integer a request may carry: exact in JavaScript, in PostgreSQL bigint and in SQLite. */
export const MAX_REQUEST_INTEGER = Number.MAX_SAFE_INTEGER;

/** `limit` and `offset` for a list route: `limit` from 1 to `maxLimit` (default `defaultLimit`). */
export const Paging = (opts: { defaultLimit: number; maxLimit: number }) => ({
  limit: Type.Integer({
    minimum: 1,
    maximum: opts.maxLimit,
    default: opts.defaultLimit,
    description: `How many to return, 1 to ${opts.maxLimit}.`,
  }),
  offset: Type.Integer({
    minimum: 0,
    maximum: MAX_REQUEST_INTEGER,
    default: 0,
    description: 'How many to skip.',
  }),
});
