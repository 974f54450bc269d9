import { describe, expect, it } from 'vitest';
import { maskPhoneNumber, parsePhoneNumber } from './phone-number.ts';

describe('phone numbers', () => {
  it('normalizes international input to E.164 with its country', () => {
    expect(parsePhoneNumber('+1 (201) 555-0123')).toEqual({ e164: '+12015550123', country: 'US' });
    expect(parsePhoneNumber(' +33 6 12 34 56 78 ')).toEqual({ e164: '+33612345678', country: 'FR' });
  });

  it('refuses national formats, impossible numbers and text', () => {
    expect(parsePhoneNumber('06 12 34 56 78')).toBeNull();
    expect(parsePhoneNumber('+999123')).toBeNull();
    expect(parsePhoneNumber('+1 201 555')).toBeNull();
    expect(parsePhoneNumber('+44 1632 960000')).toBeNull(); // Ofcom's drama range is not assigned
    expect(parsePhoneNumber('call me')).toBeNull();
  });

  it('masks all but the country prefix and the last four digits', () => {
    expect(maskPhoneNumber('+12015550123')).toBe('+1201***0123');
  });
});
