/**
 * The instance's allowlist and blocklist, managed through the Backend API. Identifiers are
 * normalized on the way in (`identifier-restrictions.ts`), so `@Example.com` and
 * `*@example.com` are one entry and adding it twice is `duplicate_record`.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import { normalizeRestrictionIdentifier } from '../policies/identifier-restrictions.ts';
import type { IdentifierRestriction, RestrictionList } from '../store.ts';

export async function addRestrictionIdentifier(
  deps: Pick<Deps, 'store' | 'clock' | 'random'>,
  instanceId: string,
  list: RestrictionList,
  raw: string,
): Promise<IdentifierRestriction> {
  const { identifier, type } = normalizeRestrictionIdentifier(raw);
  const now = deps.clock.now();
  const entry: IdentifierRestriction = {
    id: deps.random.id(list === 'allowlist' ? 'alid' : 'blid'),
    instanceId,
    list,
    identifier,
    identifierType: type,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.restrictions.create(entry);
  return entry;
}

export async function removeRestrictionIdentifier(
  deps: Pick<Deps, 'store'>,
  instanceId: string,
  list: RestrictionList,
  id: string,
): Promise<void> {
  if (!(await deps.store.restrictions.delete(instanceId, list, id)))
    throw new GatehouseError('resource_not_found', {
      longMessage: `No ${list} identifier was found with id ${id}.`,
      meta: { id },
    });
}
