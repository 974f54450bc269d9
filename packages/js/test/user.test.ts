/**
 * What the signed-in user does to their own account through the SDK: names and metadata,
 * password change (with the wrong current password refused on its field, and other sessions
 * signed out on request), the sessions on every device, email addresses, account deletion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, uniqueEmail } from '../../server/test/fixtures/flows.ts';
import { codeIn, startServer, type TestServer } from '../../server/test/fixtures/server.ts';
import { type Gatehouse, GatehouseAPIError } from '../src/index.ts';
import { newGatehouse, sdkSignIn, sdkSignUp } from './helpers.ts';

let server: TestServer;
const instances: Gatehouse[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  for (const g of instances) g.destroy();
  await server.close();
});

async function signedUp(email = uniqueEmail('me')) {
  const g = await newGatehouse(server);
  instances.push(g);
  await sdkSignUp(server, g, email, PASSWORD);
  return { g, email };
}

async function signedIn(email: string, password = PASSWORD) {
  const g = await newGatehouse(server);
  instances.push(g);
  const si = await sdkSignIn(server, g, email, password);
  expect(si.status).toBe('complete');
  return g;
}

const apiError = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a GatehouseAPIError');
    },
    (e: unknown) => {
      if (e instanceof GatehouseAPIError) return e;
      throw e;
    },
  );

describe('user.update', () => {
  it('changes names and unsafe metadata; the state follows', async () => {
    const { g } = await signedUp();
    const seen: (string | null)[] = [];
    g.addListener((s) => seen.push(s.user?.firstName ?? null), { skipInitialEmit: true });
    const updated = await g.user!.update({ firstName: 'Grace', lastName: 'Hopper', unsafeMetadata: { theme: 'dark' } });
    expect(updated).toMatchObject({ firstName: 'Grace', lastName: 'Hopper', unsafeMetadata: { theme: 'dark' } });
    expect(updated.fullName).toBe('Grace Hopper');
    expect(g.user).toMatchObject({ firstName: 'Grace', lastName: 'Hopper' });
    expect(seen).toContain('Grace');
    const onServer = await server.backend.get(`/v1/users/${g.user!.id}`);
    expect(onServer.body).toMatchObject({
      first_name: 'Grace',
      last_name: 'Hopper',
      unsafe_metadata: { theme: 'dark' },
    });
  });
});

describe('user.updatePassword', () => {
  it('refuses a wrong current password on the current_password field', async () => {
    const { g } = await signedUp();
    const e = await apiError(
      g.user!.updatePassword({ currentPassword: 'wrong wrong', newPassword: 'a new password 1' }),
    );
    expect(e.errors[0]).toMatchObject({
      code: 'form_password_incorrect',
      message: 'Password is incorrect. Try again, or use another method.',
      meta: { paramName: 'current_password' },
    });
  });

  it('changes the password; with signOutOfOtherSessions the other device is signed out', async () => {
    const { g, email } = await signedUp();
    const other = await signedIn(email);
    const otherSession = other.session!;
    const newPassword = 'another horse battery staple';
    await g.user!.updatePassword({ currentPassword: PASSWORD, newPassword, signOutOfOtherSessions: true });
    expect(g.isSignedIn).toBe(true);
    expect(await g.session!.getToken({ skipCache: true })).toMatch(/^ey/);
    expect(await otherSession.getToken({ skipCache: true })).toBeNull();
    expect(other.isSignedIn).toBe(false);

    const third = await newGatehouse(server);
    instances.push(third);
    const refused = await apiError(third.signIn.create({ identifier: email, password: PASSWORD }));
    expect(refused.code).toBe('form_password_incorrect');
    expect((await sdkSignIn(server, third, email, newPassword)).status).toBe('complete');
  });
});

describe('sessions on every device', () => {
  it('lists the user’s sessions and revokes the other one', async () => {
    const { g, email } = await signedUp();
    const other = await signedIn(email);
    const sessions = await g.user!.getSessions();
    expect(sessions.map((s) => s.id).sort()).toEqual([g.session!.id, other.session!.id].sort());
    const remote = sessions.find((s) => s.id === other.session!.id)!;
    const revoked = await remote.revoke();
    expect(revoked.status).toBe('revoked');
    expect(g.isSignedIn).toBe(true);
    expect((await g.user!.getSessions()).map((s) => s.id)).toEqual([g.session!.id]);
    expect(await other.session!.getToken({ skipCache: true })).toBeNull();
  });
});

describe('email addresses', () => {
  it('adds an address, verifies it with the mailed code, and removes it', async () => {
    const { g } = await signedUp();
    const address = uniqueEmail('second');
    const added = await g.user!.createEmailAddress({ email: address });
    expect(added).toMatchObject({ emailAddress: address });
    expect(added.isVerified).toBe(false);
    expect(g.user!.emailAddresses.map((e) => e.emailAddress)).toContain(address);

    const prepared = await added.prepareVerification();
    const wrong = await apiError(prepared.attemptVerification({ code: '000000' }));
    expect(wrong.errors[0]).toMatchObject({ code: 'form_code_incorrect', meta: { paramName: 'code' } });
    const verified = await prepared.attemptVerification({ code: codeIn(await server.lastDevEmail(address)) });
    expect(verified.isVerified).toBe(true);
    expect(g.user!.emailAddresses.find((e) => e.id === added.id)?.verification?.status).toBe('verified');

    const removed = await verified.destroy();
    expect(removed).toMatchObject({ id: added.id, deleted: true });
    expect(g.user!.emailAddresses.map((e) => e.id)).not.toContain(added.id);
  });
});

describe('user.delete', () => {
  it('deletes the account and signs the client out', async () => {
    const { g } = await signedUp();
    const userId = g.user!.id;
    const deleted = await g.user!.delete();
    expect(deleted).toMatchObject({ id: userId, deleted: true });
    expect(g.session).toBeNull();
    expect(g.user).toBeNull();
    expect((await server.backend.get(`/v1/users/${userId}`)).status).toBe(404);
  });
});
