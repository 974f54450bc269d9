import { GatehouseError } from '@gatehouse/shared';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../config/instance-settings.ts';
import type { Environment, Instance } from '../instances/instance.ts';
import { clientData, parseAuthenticationCredential, relyingPartyId } from './relying-party.ts';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

const instance = (frontendApiUrl: string, environment: Environment = 'production'): Instance => {
  const r = resolveSettings({ allowed_origins: ['https://app.acme.test'] });
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

const clientDataJSON = (data: unknown) => Buffer.from(JSON.stringify(data)).toString('base64url');

describe('relyingPartyId', () => {
  it('is the Frontend API host; a loopback IP (not a valid RP id) stands for localhost', () => {
    expect(relyingPartyId(instance('https://clerk.acme.test'))).toBe('clerk.acme.test');
    expect(relyingPartyId(instance('http://localhost:4000'))).toBe('localhost');
    expect(relyingPartyId(instance('http://127.0.0.1:4000'))).toBe('localhost');
    expect(relyingPartyId(instance('http://[::1]:4000'))).toBe('localhost');
  });
});

describe('clientData', () => {
  it('reads the challenge and an allowed origin', () => {
    const c = { response: { clientDataJSON: clientDataJSON({ challenge: 'abc', origin: 'https://app.acme.test' }) } };
    expect(clientData(instance('https://clerk.acme.test'), c, 'passkey_verification_failed')).toEqual({
      challenge: 'abc',
      origin: 'https://app.acme.test',
    });
  });

  it('refuses an origin the instance does not allow, and unreadable client data', () => {
    const foreign = { response: { clientDataJSON: clientDataJSON({ challenge: 'abc', origin: 'https://evil.test' }) } };
    expect(() => clientData(instance('https://clerk.acme.test'), foreign, 'passkey_verification_failed')).toThrow(
      GatehouseError,
    );
    const garbage = { response: { clientDataJSON: 'not-json' } };
    expect(() => clientData(instance('https://clerk.acme.test'), garbage, 'passkey_verification_failed')).toThrow(
      expect.objectContaining({ code: 'passkey_verification_failed' }),
    );
  });
});

describe('parseAuthenticationCredential', () => {
  it('accepts the JSON string Clerk sends and refuses anything without an assertion', () => {
    const good = {
      id: 'x',
      rawId: 'x',
      type: 'public-key',
      response: { clientDataJSON: 'a', authenticatorData: 'b', signature: 'c' },
    };
    expect(parseAuthenticationCredential(JSON.stringify(good)).id).toBe('x');
    for (const bad of [
      '{',
      '[]',
      JSON.stringify({ ...good, type: 'password' }),
      JSON.stringify({ ...good, response: { clientDataJSON: 'a' } }),
    ])
      expect(() => parseAuthenticationCredential(bad)).toThrow(
        expect.objectContaining({ code: 'passkey_verification_failed' }),
      );
  });
});
