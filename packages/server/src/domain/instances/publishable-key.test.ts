import { describe, expect, it } from 'vitest';
import { decodePublishableKey, encodePublishableKey } from './publishable-key.ts';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('encodePublishableKey', () => {
  it('matches the known vector for a development host', () => {
    expect(encodePublishableKey('development', 'localhost:3000')).toBe(`pk_test_${b64('localhost:3000$')}`);
    expect(encodePublishableKey('development', 'localhost:3000')).toBe('pk_test_bG9jYWxob3N0OjMwMDAk');
  });

  it('uses pk_live_ for production', () => {
    expect(encodePublishableKey('production', 'clerk.example.com')).toBe(`pk_live_${b64('clerk.example.com$')}`);
  });
});

describe('decodePublishableKey', () => {
  it.each([
    ['development', 'localhost:3000'],
    ['development', 'auth.app.localhost:8443'],
    ['production', 'clerk.example.com'],
    ['production', 'a.b'],
  ] as const)('round-trips a %s key for %s', (environment, host) => {
    const key = encodePublishableKey(environment, host);
    expect(key.startsWith(environment === 'production' ? 'pk_live_' : 'pk_test_')).toBe(true);
    expect(decodePublishableKey(key)).toEqual({ environment, frontendApiHost: host });
  });

  it('decodes the known vector', () => {
    expect(decodePublishableKey('pk_test_bG9jYWxob3N0OjMwMDAk')).toEqual({
      environment: 'development',
      frontendApiHost: 'localhost:3000',
    });
  });

  it.each([
    ['an empty string', ''],
    ['a secret key', 'sk_test_bG9jYWxob3N0OjMwMDAk'],
    ['an unknown environment', `pk_prod_${b64('localhost:3000$')}`],
    ['no payload', 'pk_test_'],
    ['a payload without the trailing $', `pk_test_${b64('localhost:3000')}`],
    ['a payload that is only $', `pk_test_${b64('$')}`],
    ['characters outside base64', 'pk_test_bG9jYWxob3N0-OjMwMDAk'],
    ['surrounding whitespace', ` pk_test_${b64('localhost:3000$')} `],
    ['a missing underscore', `pk_test${b64('localhost:3000$')}`],
    ['upper-case prefix', `PK_TEST_${b64('localhost:3000$')}`],
  ])('rejects %s', (_what, key) => {
    expect(decodePublishableKey(key)).toBeNull();
  });
});
