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
import * as restrictionsAndCaptcha from './20261125100000-restrictions-and-captcha.ts';
import * as sessionsByClientAndUser from './20261125110000-sessions-by-client-and-user.ts';
import * as sessionActivity from './20261126090000-session-activity.ts';
import * as unauthorizedSignInLinks from './20261126090100-unauthorized-sign-in-links.ts';
import * as emailTemplates from './20261126090200-email-templates.ts';
import * as phoneNumbers from './20261127093000-phone-numbers.ts';
import * as devSmsOutbox from './20261127093100-dev-sms-outbox.ts';
import * as mfa from './20261128090000-mfa.ts';
import * as sessionVerification from './20261128090000-session-verification.ts';
import * as emailLinkTokens from './20261128100000-email-link-tokens.ts';
import * as passkeys from './20261128100100-passkeys.ts';
import * as expiryIndexes from './20261204090000-expiry-indexes.ts';
import * as sessionMfaReady from './20261204100000-session-mfa-ready.ts';
import * as identifierLockouts from './20261207090000-identifier-lockouts.ts';
import * as socialSignIn from './20261207120000-social-sign-in.ts';

export const MIGRATIONS: Record<string, Migration> = {
  '20261123090000-instances-and-keys': instancesAndKeys,
  '20261123090100-users': users,
  '20261123090200-clients-and-sessions': clientsAndSessions,
  '20261123090300-sign-in-and-sign-up-flows': flows,
  '20261123090400-dev-mailbox': devMailbox,
  '20261124090000-claimed-email-addresses': claimedEmailAddresses,
  '20261125100000-restrictions-and-captcha': restrictionsAndCaptcha,
  '20261125110000-sessions-by-client-and-user': sessionsByClientAndUser,
  '20261126090000-session-activity': sessionActivity,
  '20261126090100-unauthorized-sign-in-links': unauthorizedSignInLinks,
  '20261126090200-email-templates': emailTemplates,
  '20261127093000-phone-numbers': phoneNumbers,
  '20261127093100-dev-sms-outbox': devSmsOutbox,
  '20261128090000-session-verification': sessionVerification,
  '20261128090000-mfa': mfa,
  '20261128100000-email-link-tokens': emailLinkTokens,
  '20261128100100-passkeys': passkeys,
  '20261204090000-expiry-indexes': expiryIndexes,
  '20261204100000-session-mfa-ready': sessionMfaReady,
  '20261207090000-identifier-lockouts': identifierLockouts,
  '20261207120000-social-sign-in': socialSignIn,
};
