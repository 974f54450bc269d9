/**
 * Every migration, in order. Names are timestamps so that branches merge without renumbering;
 * each file holds one concern and must run on SQLite and PostgreSQL alike.
 */
import type { Migration } from 'kysely';
import * as instancesAndKeys from './20261123090000-instances-and-keys.ts';
import * as users from './20261123090100-users.ts';
import * as clientsAndSessions from './20261123090200-clients-and-sessions.ts';
import * as flows from './20261123090300-sign-in-and-sign-up-flows.ts';
import * as devMailbox from './20261123090400-dev-mailbox.ts';
import * as claimedEmailAddresses from './20261124090000-claimed-email-addresses.ts';

export const MIGRATIONS: Record<string, Migration> = {
  '20261123090000-instances-and-keys': instancesAndKeys,
  '20261123090100-users': users,
  '20261123090200-clients-and-sessions': clientsAndSessions,
  '20261123090300-sign-in-and-sign-up-flows': flows,
  '20261123090400-dev-mailbox': devMailbox,
  '20261124090000-claimed-email-addresses': claimedEmailAddresses,
};
