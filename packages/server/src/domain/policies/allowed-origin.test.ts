import type { SettingsPatch } from '@gatehouse/shared';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../config/instance-settings.ts';
import type { Environment, Instance } from '../instances/instance.ts';
import { isAllowedOrigin, isLoopbackHost } from './allowed-origin.ts';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

const instance = (environment: Environment, frontendApiUrl: string, patch: SettingsPatch = {}): Instance => {
  const r = resolveSettings(patch);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const u = new URL(frontendApiUrl);
  return {
    id: 'ins_1',
    name: 'Test',
    environment,
    frontendApiUrl: u.origin,
    frontendApiHost: u.host,
    settings: r.settings,
    createdAt: NOW,
    updatedAt: NOW,
  };
};

describe('development instances', () => {
  const dev = instance('development', 'http://localhost:3000');

  it.each([
    'http://localhost',
    'http://localhost:5173',
    'https://localhost:8443',
    'http://127.0.0.1',
    'http://127.0.0.1:8080',
    'http://app.localhost:3001',
    'http://a.b.localhost',
    'http://[::1]:4000',
  ])('allow the loopback origin %s, whatever the port', (origin) => {
    expect(isAllowedOrigin(dev, origin)).toBe(true);
  });

  it('allow their own Frontend API origin', () => {
    expect(isAllowedOrigin(dev, 'http://localhost:3000')).toBe(true);
  });

  it.each([
    ['a public host', 'https://example.com'],
    ['a host that starts with localhost', 'http://localhost.evil.com'],
    ['a host that starts with localhost and a port', 'http://localhost.evil.com:5173'],
    ['a host that ends in localhost without a dot', 'http://evillocalhost'],
    ['a loopback-looking user part', 'http://localhost@evil.com'],
    ['a host that starts with 127.0.0.1', 'http://127.0.0.1.evil.com'],
    ['another private address', 'http://192.168.1.10:3000'],
    ['the null origin', 'null'],
    ['an empty origin', ''],
    ['a non-http scheme on localhost', 'ws://localhost:3000'],
    ['a file URL', 'file:///etc/passwd'],
  ])('refuse %s (%s)', (_what, origin) => {
    expect(isAllowedOrigin(dev, origin)).toBe(false);
  });

  it('also allow configured allowed_origins', () => {
    const i = instance('development', 'http://localhost:3000', { allowed_origins: ['https://staging.example.com'] });
    expect(isAllowedOrigin(i, 'https://staging.example.com')).toBe(true);
  });
});

describe('production instances', () => {
  const prod = instance('production', 'https://clerk.example.com', {
    allowed_origins: ['https://app.example.com', 'https://admin.example.com:8443'],
  });

  it('allow their own Frontend API origin', () => {
    expect(isAllowedOrigin(prod, 'https://clerk.example.com')).toBe(true);
  });

  it.each(['https://app.example.com', 'https://admin.example.com:8443'])('allow the configured origin %s', (o) => {
    expect(isAllowedOrigin(prod, o)).toBe(true);
  });

  it('compare the serialized origin: a default port written out still matches', () => {
    expect(isAllowedOrigin(prod, 'https://app.example.com:443')).toBe(true);
  });

  it('match an allowed_origins entry written with a trailing slash', () => {
    const i = instance('production', 'https://clerk.example.com', { allowed_origins: ['https://app.example.com/'] });
    expect(isAllowedOrigin(i, 'https://app.example.com')).toBe(true);
  });

  it.each([
    ['localhost', 'http://localhost:5173'],
    ['127.0.0.1', 'http://127.0.0.1:3000'],
    ['a suffix on an allowed host', 'https://app.example.com.evil.com'],
    ['a prefix on an allowed host', 'https://evilapp.example.com'],
    ['a user part that looks allowed', 'https://app.example.com@evil.com'],
    ['another port on an allowed host', 'https://app.example.com:8443'],
    ['the default port on an origin allowed only with its port', 'https://admin.example.com'],
    ['http on an https-only allowed origin', 'http://app.example.com'],
    ['a sibling subdomain', 'https://other.example.com'],
    ['the parent domain', 'https://example.com'],
    ['the null origin', 'null'],
  ])('refuse %s (%s)', (_what, origin) => {
    expect(isAllowedOrigin(prod, origin)).toBe(false);
  });

  it('refuse every origin but their own when allowed_origins is empty', () => {
    const bare = instance('production', 'https://clerk.example.com');
    expect(isAllowedOrigin(bare, 'https://clerk.example.com')).toBe(true);
    expect(isAllowedOrigin(bare, 'https://app.example.com')).toBe(false);
  });
});

describe('remembered answers', () => {
  it('answer the same origin the same way every time, allowed or not', () => {
    const prod = instance('production', 'https://clerk.example.com', { allowed_origins: ['https://app.example.com'] });
    for (let i = 0; i < 3; i++) {
      expect(isAllowedOrigin(prod, 'https://app.example.com')).toBe(true);
      expect(isAllowedOrigin(prod, 'https://evil.example.com')).toBe(false);
    }
  });

  it('follow the rules of the instance asked about: a changed instance is answered by its new settings', () => {
    const before = instance('production', 'https://clerk.example.com', {
      allowed_origins: ['https://app.example.com'],
    });
    expect(isAllowedOrigin(before, 'https://app.example.com')).toBe(true);
    expect(isAllowedOrigin(before, 'https://new.example.com')).toBe(false);
    // A settings change reaches requests as a new instance object, with the same id.
    const after = instance('production', 'https://clerk.example.com', { allowed_origins: ['https://new.example.com'] });
    expect(isAllowedOrigin(after, 'https://app.example.com')).toBe(false);
    expect(isAllowedOrigin(after, 'https://new.example.com')).toBe(true);
    expect(isAllowedOrigin(before, 'https://app.example.com')).toBe(true);
  });

  it('keep answering correctly after a flood of distinct made-up origins', () => {
    const prod = instance('production', 'https://clerk.example.com', { allowed_origins: ['https://app.example.com'] });
    expect(isAllowedOrigin(prod, 'https://app.example.com')).toBe(true);
    for (let i = 0; i < 1000; i++) expect(isAllowedOrigin(prod, `https://x${i}.evil.com`)).toBe(false);
    expect(isAllowedOrigin(prod, 'https://app.example.com')).toBe(true);
    expect(isAllowedOrigin(prod, 'https://x1.evil.com')).toBe(false);
  });
});

describe('isLoopbackHost', () => {
  it.each(['localhost', 'app.localhost', '127.0.0.1', '[::1]', '::1'])('accepts %s', (h) => {
    expect(isLoopbackHost(h)).toBe(true);
  });

  it.each(['localhost.evil.com', 'evillocalhost', '127.0.0.2', '0.0.0.0', 'example.com'])('refuses %s', (h) => {
    expect(isLoopbackHost(h)).toBe(false);
  });
});
