/**
 * The SDK drives the whole flow against a real server: sign-up with the email code, sign-in in
 * one step and identifier-first, Client Trust's email code on a new device, field errors as GatehouseAPIError with `meta.paramName`, and
 * the state (`session`, `user`, listeners) following every answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, PASSWORD, uniqueEmail } from '../../server/test/fixtures/flows.ts';
import { codeIn, startServer, type TestServer } from '../../server/test/fixtures/server.ts';
import { type Gatehouse, GatehouseAPIError, type GatehouseState } from '../src/index.ts';
import { newGatehouse, publishableKeyOf, sdkSignUp } from './helpers.ts';

let server: TestServer;
const instances: Gatehouse[] = [];
const sdk = async () => {
  const g = await newGatehouse(server);
  instances.push(g);
  return g;
};

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  for (const g of instances) g.destroy();
  await server.close();
});

const apiError = async (p: Promise<unknown>): Promise<GatehouseAPIError> => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof GatehouseAPIError)) throw new Error(`expected a GatehouseAPIError, got ${String(e)}`);
  return e;
};

describe('load', () => {
  it('finds the Frontend API from the publishable key and loads the environment and an empty client', async () => {
    const gatehouse = await sdk();
    expect(gatehouse.frontendApiUrl).toBe(server.url);
    expect(gatehouse.loaded).toBe(true);
    expect(gatehouse.environment?.displayConfig.applicationName).toBe('My application');
    expect(gatehouse.environment?.userSettings.passwordSettings.minLength).toBe(8);
    expect(gatehouse.environment?.isEnabled('username')).toBe(false);
    expect(gatehouse.client.id).toBeNull();
    expect(gatehouse.session).toBeNull();
    expect(gatehouse.user).toBeNull();
    expect(gatehouse.signIn.status).toBeNull();
  });

  it('takes an explicit frontendApiUrl over the key', async () => {
    const { Gatehouse } = await import('../src/index.ts');
    const g = new Gatehouse(await publishableKeyOf(server), {
      frontendApiUrl: `${server.url}/`,
      tokenRefreshIntervalMs: false,
    });
    expect(g.frontendApiUrl).toBe(server.url);
    expect(() => new Gatehouse('pk_test_notbase64!')).toThrow(TypeError);
  });
});

describe('sign-up with the email code', () => {
  it('moves from missing_requirements to complete, then session and user are set', async () => {
    const gatehouse = await sdk();
    const seen: GatehouseState[] = [];
    gatehouse.addListener((s) => seen.push(s), { skipInitialEmit: true });
    const email = uniqueEmail('sdk-signup');

    const created = await gatehouse.signUp.create({ emailAddress: email, password: PASSWORD, firstName: 'Ada' });
    expect(created).toMatchObject({
      status: 'missing_requirements',
      emailAddress: email,
      firstName: 'Ada',
      missingFields: [],
      unverifiedFields: ['email_address'],
      passwordEnabled: true,
    });
    expect(created.verifications.emailAddress).toMatchObject({ status: 'unverified', nextAction: 'needs_prepare' });
    expect(gatehouse.signUp.id).toBe(created.id);
    expect(gatehouse.client.id).toMatch(/^client_/);

    const prepared = await created.prepareEmailAddressVerification();
    expect(prepared.verifications.emailAddress).toMatchObject({ strategy: 'email_code', nextAction: 'needs_attempt' });
    const wrong = await apiError(prepared.attemptEmailAddressVerification({ code: '000000' }));
    expect(wrong.errors[0]).toMatchObject({
      code: 'form_code_incorrect',
      message: 'Incorrect code.',
      meta: { paramName: 'code' },
    });

    const done = await prepared.attemptEmailAddressVerification({ code: codeIn(await server.lastDevEmail(email)) });
    expect(done.status).toBe('complete');
    expect(done.createdSessionId).toMatch(/^sess_/);
    expect(done.createdUserId).toMatch(/^user_/);
    expect(gatehouse.session?.id).toBe(done.createdSessionId);
    expect(gatehouse.user).toMatchObject({ id: done.createdUserId, firstName: 'Ada', passwordEnabled: true });
    expect(gatehouse.user?.primaryEmailAddress?.emailAddress).toBe(email);
    expect(gatehouse.user?.primaryEmailAddress?.verification?.status).toBe('verified');
    expect(gatehouse.signUp.id).toBeNull();
    expect(seen.at(-1)?.session?.id).toBe(done.createdSessionId);

    await gatehouse.setActive({ session: done.createdSessionId });
    expect(gatehouse.isSignedIn).toBe(true);
  });
});

describe('sign-in', () => {
  /** A user who signed up on this device and signed out: the device is trusted for them. */
  const returningUser = async () => {
    const gatehouse = await sdk();
    const email = uniqueEmail('returning');
    const { createdUserId } = await sdkSignUp(server, gatehouse, email, PASSWORD);
    await gatehouse.signOut();
    return { gatehouse, email, userId: createdUserId };
  };

  it('completes in one step with identifier and password on a device the user signed in on before', async () => {
    const { gatehouse, email, userId } = await returningUser();
    const signIn = await gatehouse.signIn.create({ identifier: email, password: PASSWORD });
    expect(signIn.status).toBe('complete');
    expect(gatehouse.session?.id).toBe(signIn.createdSessionId);
    expect(gatehouse.user?.id).toBe(userId);
  });

  it('on a new device asks for client trust: an email code with prepareSecondFactor, then attemptSecondFactor', async () => {
    const { email, userId } = await createUser(server);
    const gatehouse = await sdk();
    const signIn = await gatehouse.signIn.create({ identifier: email, password: PASSWORD });
    expect(signIn.status).toBe('needs_client_trust');
    expect(signIn.supportedSecondFactors).toEqual([
      expect.objectContaining({ strategy: 'email_code', primary: true, safeIdentifier: `${email[0]}***@example.com` }),
    ]);
    expect(gatehouse.session).toBeNull();

    const prepared = await signIn.prepareSecondFactor({ strategy: 'email_code' });
    expect(prepared.secondFactorVerification?.status).toBe('unverified');
    const wrong = await apiError(prepared.attemptSecondFactor({ strategy: 'email_code', code: '000000' }));
    expect(wrong.code).toBe('form_code_incorrect');
    const done = await prepared.attemptSecondFactor({
      strategy: 'email_code',
      code: codeIn(await server.lastDevEmail(email)),
    });
    expect(done.status).toBe('complete');
    expect(gatehouse.session?.id).toBe(done.createdSessionId);
    expect(gatehouse.user?.id).toBe(userId);
  });

  it('goes identifier first: needs_first_factor with the password factor, then complete', async () => {
    const { gatehouse, email, userId } = await returningUser();
    const started = await gatehouse.signIn.create({ identifier: email });
    expect(started).toMatchObject({ status: 'needs_first_factor', identifier: email });
    expect(started.supportedFirstFactors.map((f) => f.strategy)).toEqual(['password']);
    expect(gatehouse.signIn.id).toBe(started.id);

    const done = await started.attemptFirstFactor({ strategy: 'password', password: PASSWORD });
    expect(done.status).toBe('complete');
    expect(done.firstFactorVerification?.status).toBe('verified');
    expect(gatehouse.user?.id).toBe(userId);
    expect(gatehouse.signIn.id).toBeNull();
  });

  it('refuses a wrong password with form_password_incorrect on the password field', async () => {
    const { email } = await createUser(server);
    const gatehouse = await sdk();
    const started = await gatehouse.signIn.create({ identifier: email });
    const e = await apiError(started.attemptFirstFactor({ strategy: 'password', password: 'not the password' }));
    expect(e.status).toBe(422);
    expect(e.code).toBe('form_password_incorrect');
    expect(e.errors[0]).toMatchObject({
      code: 'form_password_incorrect',
      message: 'Password is incorrect. Try again, or use another method.',
      longMessage: 'Password is incorrect. Try again, or use another method.',
      meta: { paramName: 'password' },
    });
    expect(gatehouse.session).toBeNull();
  });

  it('refuses an unknown identifier with form_identifier_not_found on the identifier field', async () => {
    const gatehouse = await sdk();
    const e = await apiError(gatehouse.signIn.create({ identifier: uniqueEmail('nobody') }));
    expect(e.errors[0]).toMatchObject({
      code: 'form_identifier_not_found',
      message: "Couldn't find your account.",
      meta: { paramName: 'identifier' },
    });
  });
});
