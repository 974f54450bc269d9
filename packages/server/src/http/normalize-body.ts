/**
 * Runs before schema validation:
 * - a POST/PUT/PATCH/DELETE with no body at all (curl -X POST, native clients) is read as `{}`,
 *   so routes whose parameters are all optional accept it;
 * - form-encoded bodies (the Frontend API's default, as in Clerk) carry metadata objects as
 *   JSON text; those fields are parsed, so every route sees objects, and held to the depth
 *   every JSON body is (`body-depth.ts`).
 */
import { GatehouseError } from '@gatehouse/shared';
import type { FastifyRequest } from 'fastify';
import { assertBodyDepth } from './body-depth.ts';

const JSON_FIELDS = ['unsafe_metadata', 'public_metadata', 'private_metadata'] as const;

export async function normalizeBody(request: FastifyRequest): Promise<void> {
  if ((request.body === undefined || request.body === null) && request.method !== 'GET' && request.method !== 'HEAD')
    request.body = {};
  const body = request.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') return;
  for (const field of JSON_FIELDS) {
    const v = body[field];
    if (typeof v !== 'string') continue;
    let parsed: unknown;
    try {
      parsed = v === '' ? {} : JSON.parse(v);
    } catch {
      throw new GatehouseError('form_param_format_invalid', {
        longMessage: `${field} must be a JSON object.`,
        meta: { param_name: field },
      });
    }
    assertBodyDepth(parsed, field);
    body[field] = parsed;
  }
}
