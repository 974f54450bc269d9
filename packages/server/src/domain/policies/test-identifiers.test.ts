import { describe, expect, it } from 'vitest';
import { FIXED_TEST_CODE, fixedTestCode, isFictionalPhoneNumber, isTestEmailAddress } from './test-identifiers.ts';

describe('test identifiers', () => {
  it('takes +1 XXX 555-0100 to 555-0199 as fictional, and nothing around it', () => {
    expect(isFictionalPhoneNumber('+12015550100')).toBe(true);
    expect(isFictionalPhoneNumber('+14155550199')).toBe(true);
    expect(isFictionalPhoneNumber('+12015550099')).toBe(false);
    expect(isFictionalPhoneNumber('+12015550200')).toBe(false);
    expect(isFictionalPhoneNumber('+12015551234')).toBe(false);
    // Another country's number ending alike is not in the NANP range.
    expect(isFictionalPhoneNumber('+442015550100')).toBe(false);
  });

  it('takes addresses whose local part holds +gatehouse_test as test addresses', () => {
    expect(isTestEmailAddress('ann+gatehouse_test@example.com')).toBe(true);
    expect(isTestEmailAddress('ann+gatehouse_test+2@example.com')).toBe(true);
    expect(isTestEmailAddress('ann@gatehouse_test.example.com')).toBe(false);
    expect(isTestEmailAddress('ann+gatehouse_tester@example.com')).toBe(false);
  });

  it('gives the fixed code on development instances only, for the kind of identifier named', () => {
    expect(fixedTestCode('development', { kind: 'phone_number', value: '+12015550123' })).toBe(FIXED_TEST_CODE);
    expect(fixedTestCode('production', { kind: 'phone_number', value: '+12015550123' })).toBeNull();
    expect(fixedTestCode('development', { kind: 'phone_number', value: '+12015551234' })).toBeNull();
    expect(fixedTestCode('development', { kind: 'email_address', value: 'a+gatehouse_test@x.io' })).toBe('424242');
    expect(fixedTestCode('production', { kind: 'email_address', value: 'a+gatehouse_test@x.io' })).toBeNull();
  });
});
