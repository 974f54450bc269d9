/**
 * Pure rules for allowlist and blocklist identifiers, as Clerk spells them:
 * - an email address (`ann@example.com`), stored lower-cased;
 * - an email domain, written `@example.com` or `*@example.com`, stored as `*@example.com`
 *   (identifier type `email_address`, as Clerk reports it);
 * - a phone number in E.164 (`+15555550100`; spaces, dashes, dots and brackets are dropped).
 * A subaddress puts `+`, `=` or `#` in the local part: `ann+news@example.com` is a subaddress
 * of `ann@example.com`, and a blocked address also blocks its subaddresses.
 */
import { GatehouseError } from '@gatehouse/shared';
import { isValidEmail, normalizeEmail } from './email-address.ts';

export type IdentifierType = 'email_address' | 'phone_number';

const SUBADDRESS_SEPARATORS = /[+=#]/;

/** Validates and normalizes an identifier an operator adds to a list. */
export function normalizeRestrictionIdentifier(raw: string): { identifier: string; type: IdentifierType } {
  const v = raw.trim();
  const invalid = () =>
    new GatehouseError('form_param_format_invalid', {
      longMessage: 'identifier must be an email address, an email domain (`*@example.com`) or a phone number (E.164).',
      meta: { param_name: 'identifier' },
    });
  if (v.startsWith('@') || v.startsWith('*@')) {
    const domain = normalizeEmail(v.slice(v.indexOf('@') + 1));
    if (!isValidEmail(`x@${domain}`)) throw invalid();
    return { identifier: `*@${domain}`, type: 'email_address' };
  }
  if (v.includes('@')) {
    const email = normalizeEmail(v);
    if (!isValidEmail(email)) throw invalid();
    return { identifier: email, type: 'email_address' };
  }
  const phone = v.replace(/[\s().-]/g, '');
  if (/^\+[1-9]\d{6,14}$/.test(phone)) return { identifier: phone, type: 'phone_number' };
  throw invalid();
}

const split = (email: string) => {
  const at = email.lastIndexOf('@');
  return { local: email.slice(0, at), domain: email.slice(at + 1) };
};

/** True when the local part of a (normalized) email holds `+`, `=` or `#`. */
export const isSubaddress = (email: string): boolean => SUBADDRESS_SEPARATORS.test(split(email).local);

/** `ann+news@example.com` → `ann@example.com`; an address without a tag is returned as is. */
export function baseAddress(email: string): string {
  const { local, domain } = split(email);
  const cut = local.search(SUBADDRESS_SEPARATORS);
  return cut <= 0 ? email : `${local.slice(0, cut)}@${domain}`;
}

/** The list entries that name this (normalized) email: itself, its base address, its domain. */
export function emailListKeys(email: string): { exact: string[]; all: string[] } {
  const exact = [email, `*@${split(email).domain}`];
  const base = baseAddress(email);
  return { exact, all: base === email ? exact : [...exact, base] };
}

/** The domain and each parent domain: `a.mail.example.com` → itself, `mail.example.com`, `example.com`. */
export function domainAndParents(email: string): string[] {
  const labels = split(email).domain.split('.');
  const out: string[] = [];
  for (let i = 0; i < labels.length - 1; i++) out.push(labels.slice(i).join('.'));
  return out;
}
