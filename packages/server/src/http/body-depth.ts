/**
 * Every request body is refused past 32 levels of nesting, before validation or any route
 * sees it: nothing the APIs take nests more than a few levels (metadata, the deepest, is held
 * to 10 by `users/user-fields.ts`), and a deeper body could reach a recursive walk
 * (JSON.stringify, a serializer) and overflow the stack. Checked on JSON bodies as they are
 * parsed and on the JSON text that form bodies carry in metadata fields.
 */
import { GatehouseError } from '@gatehouse/shared';
import { firstPathDeeperThan } from '../domain/policies/json-depth.ts';

export const MAX_BODY_DEPTH = 32;

/** Throws 422 `form_param_format_invalid` naming the top-level field whose value nests too deeply. */
export function assertBodyDepth(body: unknown, field?: string): void {
  const path = firstPathDeeperThan(body, field === undefined ? MAX_BODY_DEPTH : MAX_BODY_DEPTH - 1);
  if (path === null) return;
  const param = field ?? path[0] ?? '';
  throw new GatehouseError('form_param_format_invalid', {
    longMessage: `${param || 'The request body'} nests more than ${MAX_BODY_DEPTH} levels deep.`,
    meta: { param_name: param },
  });
}
