import { GatehouseError } from '@gatehouse/shared';
import { describe, expect, it } from 'vitest';
import { baseAddress, emailListKeys, isSubaddress, normalizeRestrictionIdentifier } from './identifier-restrictions.ts';

describe('normalizeRestrictionIdentifier', () => {
  it('lower-cases and trims an email address', () => {
    expect(normalizeRestrictionIdentifier('  Ann@Example.COM ')).toEqual({
      identifier: 'ann@example.com',
      type: 'email_address',
    });
  });

  it('stores a domain written @example.com or *@example.com as *@example.com', () => {
    expect(normalizeRestrictionIdentifier('@Example.com').identifier).toBe('*@example.com');
    expect(normalizeRestrictionIdentifier('*@example.com')).toEqual({
      identifier: '*@example.com',
      type: 'email_address',
    });
  });

  it('keeps a phone number as E.164 without separators', () => {
    expect(normalizeRestrictionIdentifier('+1 (555) 555-0100')).toEqual({
      identifier: '+15555550100',
      type: 'phone_number',
    });
  });

  it.each(['not an identifier', 'ann@', '@nodot', '5555550100', '*@'])('refuses %j: form_param_format_invalid', (v) => {
    expect(() => normalizeRestrictionIdentifier(v)).toThrow(GatehouseError);
    try {
      normalizeRestrictionIdentifier(v);
    } catch (e) {
      expect((e as GatehouseError).code).toBe('form_param_format_invalid');
    }
  });
});

describe('subaddresses', () => {
  it.each(['john+x@example.com', 'john=x@example.com', 'john#x@example.com'])(
    '%s is a subaddress of john@example.com',
    (v) => {
      expect(isSubaddress(v)).toBe(true);
      expect(baseAddress(v)).toBe('john@example.com');
    },
  );

  it('a plain address is not one, and is its own base', () => {
    expect(isSubaddress('john@example.com')).toBe(false);
    expect(baseAddress('john@example.com')).toBe('john@example.com');
  });

  it('a + in the domain does not count', () => {
    expect(isSubaddress('john@ex+ample.com')).toBe(false);
  });
});

describe('emailListKeys', () => {
  it('names the address and its domain exactly, and also its base address for the blocklist', () => {
    expect(emailListKeys('john+x@example.com')).toEqual({
      exact: ['john+x@example.com', '*@example.com'],
      all: ['john+x@example.com', '*@example.com', 'john@example.com'],
    });
  });
});
