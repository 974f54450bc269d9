/** A Gatehouse SDK instance on a test server: native (memory) mode, the server's clock, fast retries. */
import { codeIn, type TestServer } from '../../server/test/fixtures/server.ts';
import { Gatehouse, type GatehouseOptions } from '../src/index.ts';

export async function publishableKeyOf(server: TestServer): Promise<string> {
  const r = await server.backend.get('/v1/instance');
  return r.body.publishable_key as string;
}

export async function newGatehouse(server: TestServer, opts: GatehouseOptions = {}): Promise<Gatehouse> {
  const gatehouse = new Gatehouse(await publishableKeyOf(server), {
    clientTokenStorage: 'memory',
    now: () => server.clock.now(),
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...opts,
  });
  await gatehouse.load();
  return gatehouse;
}

/** Signs up through the SDK with the email code from the dev mailbox; returns the new session id. */
export async function sdkSignUp(server: TestServer, gatehouse: Gatehouse, email: string, password: string) {
  const created = await gatehouse.signUp.create({ emailAddress: email, password });
  await created.prepareEmailAddressVerification();
  const done = await created.attemptEmailAddressVerification({ code: codeIn(await server.lastDevEmail(email)) });
  await gatehouse.setActive({ session: done.createdSessionId });
  return done;
}

/**
 * Signs in through the SDK with identifier and password, passing Client Trust (the email code
 * a new device is asked for) with the code from the dev mailbox; returns the final sign-in.
 */
export async function sdkSignIn(server: TestServer, gatehouse: Gatehouse, email: string, password: string) {
  let si = await gatehouse.signIn.create({ identifier: email, password });
  if (si.status === 'needs_client_trust') {
    await si.prepareSecondFactor({ strategy: 'email_code' });
    si = await si.attemptSecondFactor({ strategy: 'email_code', code: codeIn(await server.lastDevEmail(email)) });
  }
  return si;
}
