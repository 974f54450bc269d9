import { describe, expect, it } from 'vitest';
import { signedInAuthObject, signedOutAuthObject } from './auth-object.ts';
import type { SessionTokenClaims } from './claims.ts';

const claims = (extra: Partial<SessionTokenClaims> = {}): SessionTokenClaims => ({
  sub: 'user_1',
  sid: 'sess_1',
  iss: 'http://localhost:3000',
  iat: 1,
  nbf: 1,
  exp: 61,
  fva: [5, -1],
  ...extra,
});

describe('signed-in auth object', () => {
  it('exposes the ids, organization claims and actor from the token', async () => {
    const auth = signedInAuthObject(
      claims({
        org_id: 'org_1',
        org_role: 'org:admin',
        org_permissions: ['org:billing:manage'],
        act: { sub: 'user_admin' },
      }),
      'jwt',
    );
    expect(auth).toMatchObject({
      userId: 'user_1',
      sessionId: 'sess_1',
      orgId: 'org_1',
      orgRole: 'org:admin',
      actor: { sub: 'user_admin' },
    });
    expect(await auth.getToken()).toBe('jwt');
  });

  it('has() answers roles and permissions from the organization claims only', () => {
    const auth = signedInAuthObject(claims({ org_role: 'org:admin', org_permissions: ['org:billing:manage'] }), 'jwt');
    expect(auth.has({ role: 'org:admin' })).toBe(true);
    expect(auth.has({ role: 'org:member' })).toBe(false);
    expect(auth.has({ permission: 'org:billing:manage' })).toBe(true);
    expect(auth.has({ permission: 'org:billing:read' })).toBe(false);
    expect(signedInAuthObject(claims(), 'jwt').has({ role: 'org:admin' })).toBe(false);
  });

  it('has({ reverification }) applies the shared rule to fva', () => {
    expect(signedInAuthObject(claims({ fva: [5, -1] }), 'jwt').has({ reverification: 'strict' })).toBe(true);
    expect(signedInAuthObject(claims({ fva: [11, -1] }), 'jwt').has({ reverification: 'strict' })).toBe(false);
    expect(signedInAuthObject(claims({ fva: [11, -1] }), 'jwt').has({ reverification: 'moderate' })).toBe(true);
    expect(signedInAuthObject(claims({ fva: [1, 30] }), 'jwt').has({ reverification: 'strict' })).toBe(false);
    expect(signedInAuthObject(claims({ fva: [1, -1] }), 'jwt').has({ reverification: 'strict_mfa' })).toBe(false);
    expect(
      signedInAuthObject(claims({ fva: [1, 2] }), 'jwt').has({
        reverification: { level: 'multi_factor', afterMinutes: 5 },
      }),
    ).toBe(true);
    expect(signedInAuthObject(claims({ fva: undefined }), 'jwt').has({ reverification: 'lax' })).toBe(false);
  });
});

describe('signed-out auth object', () => {
  it('has nothing and answers false to every question', async () => {
    const auth = signedOutAuthObject();
    expect(auth.userId).toBeNull();
    expect(auth.has({ reverification: 'lax' })).toBe(false);
    expect(await auth.getToken()).toBeNull();
  });
});
