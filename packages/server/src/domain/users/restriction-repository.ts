/**
 * Storage port of the allowlist and blocklist.
 * The conventions every port follows are in `domain/store.ts`.
 */

export type RestrictionList = 'allowlist' | 'blocklist';

/** One allowlist or blocklist entry: an email address, a `*@domain` wildcard or a phone number. */
export interface IdentifierRestriction {
  id: string;
  instanceId: string;
  list: RestrictionList;
  identifier: string;
  identifierType: 'email_address' | 'phone_number';
  createdAt: number;
  updatedAt: number;
}

export interface RestrictionRepository {
  list(instanceId: string, list: RestrictionList): Promise<IdentifierRestriction[]>;
  /** Throws `duplicate_record` when the list already holds the identifier. */
  create(r: IdentifierRestriction): Promise<void>;
  delete(instanceId: string, list: RestrictionList, id: string): Promise<boolean>;
  /** Whether the list has any entry, and which of `identifiers` it holds. */
  match(instanceId: string, list: RestrictionList, identifiers: string[]): Promise<{ any: boolean; matched: string[] }>;
}
