/**
 * An E.164 number spaced for reading: `+14155550123` → `+1 415 555 0123`, `+33612345678` →
 * `+33 6 12 34 56 78`. Only the country code's length is known here (the ITU table, a few
 * bytes) and not each country's plan (libphonenumber's metadata is far bigger than the
 * components), so other numbers get a plain grouping; anything not E.164 comes back as is.
 */

// Two-digit country codes; `1` and `7` are the one-digit ones; every other code has three digits.
const TWO_DIGIT = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
    ' ',
  ),
);

const countryCodeLength = (digits: string) =>
  digits[0] === '1' || digits[0] === '7' ? 1 : TWO_DIGIT.has(digits.slice(0, 2)) ? 2 : 3;

/** Groups of three, the last one of four when three would leave a single digit. */
function groups(national: string): string[] {
  const out: string[] = [];
  let rest = national;
  while (rest.length > 4) {
    out.push(rest.slice(0, 3));
    rest = rest.slice(3);
  }
  if (rest) out.push(rest);
  return out;
}

/** Pairs after a leading digit when the length is odd (the French and several European plans). */
const pairs = (national: string): string[] => {
  const head = national.length % 2 ? [national.slice(0, 1)] : [];
  return [...head, ...(national.slice(head.length).match(/\d\d/g) ?? [])];
};

export function formatPhoneNumber(e164: string): string {
  if (!/^\+\d{6,15}$/.test(e164)) return e164;
  const digits = e164.slice(1);
  const cc = digits.slice(0, countryCodeLength(digits));
  const national = digits.slice(cc.length);
  return `+${cc} ${(cc === '33' ? pairs(national) : groups(national)).join(' ')}`;
}
