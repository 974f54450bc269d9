import { expect, it } from 'vitest';
import { formatPhoneNumber } from './format-phone-number.ts';

it('spaces E.164 numbers by their country code, and leaves anything else alone', () => {
  expect(formatPhoneNumber('+14155550123')).toBe('+1 415 555 0123');
  expect(formatPhoneNumber('+33612345678')).toBe('+33 6 12 34 56 78');
  expect(formatPhoneNumber('+447911123456')).toBe('+44 791 112 3456');
  expect(formatPhoneNumber('+353861234567')).toBe('+353 861 234 567');
  expect(formatPhoneNumber('not a number')).toBe('not a number');
});
