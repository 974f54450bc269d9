/**
 * Reverification through the SDK: a sensitive call on an old session throws an error that
 * `isReverificationRequired` recognises (with the level and age it needs); the session then
 * reverifies (password, or a mailed code) and the call succeeds; the next token carries fva 0;
 * a user with an authenticator app reverifies both factors (`multi_factor`); and each session
 * exposes its device as `latestActivity`.
 */
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, uniqueEmail } from '../../server/test/fixtures/flows.ts';
import { codeIn, startServer, type TestServer } from '../../server/test/fixtures/server.ts';
import {
  type Gatehouse,
  type GatehouseAPIError,
  isReverificationRequired,
  reverificationRequirement,
} from '../src/index.ts';
import { newGatehouse, sdkSignUp } from './helpers.ts';

let server: TestServer;
const instances: Gatehouse[] = [];
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  for (const g of instances) g.destroy();
  await server.close();
});

async function agedSignedIn(email = uniqueEmail('step-up')) {
  const g = await newGatehouse(server);
  instances.push(g);
  await sdkSignUp(server, g, email, PASSWORD);
  server.clock.advance(11 * 60_000);
  return { g, email };
}

/** The authenticator app's code at the server's time. */
const totpCode = (secret: string) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: server.clock.now() });

const fva = (jwt: string | null) => JSON.parse(Buffer.from(jwt!.split('.')[1]!, 'base64url').toString()).fva;

describe('session reverification', () => {
  it('recognises the error, reverifies with the password, and the retried call succeeds with a fresh token', async () => {
    const { g } = await agedSignedIn();
    const error = await g.user!.createEmailAddress({ email: uniqueEmail('extra') }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isReverificationRequired(error)).toBe(true);
    expect(reverificationRequirement(error)).toEqual({ level: 'second_factor', afterMinutes: 10 });
    expect(reverificationRequirement(new Error('other'))).toBeNull();

    const session = g.session!;
    const started = await session.startVerification({ level: 'second_factor' });
    expect(started.status).toBe('needs_first_factor');
    expect(started.supportedFirstFactors.map((f) => f.strategy)).toEqual(['password', 'email_code']);
    const done = await session.attemptFirstFactorVerification({ strategy: 'password', password: PASSWORD });
    expect(done.status).toBe('complete');
    expect(done.firstFactorVerification?.status).toBe('verified');
    expect(fva(await session.getToken())).toEqual([0, -1]);
    const added = await g.user!.createEmailAddress({ email: uniqueEmail('extra') });
    expect(added.emailAddress).toMatch(/^extra\./);
  });

  it('reverifies with a code mailed to the primary address', async () => {
    const { g, email } = await agedSignedIn();
    const session = g.session!;
    await session.startVerification({ level: 'first_factor' });
    const prepared = await session.prepareFirstFactorVerification({ strategy: 'email_code' });
    expect(prepared.firstFactorVerification?.status).toBe('unverified');
    const code = codeIn(await server.lastDevEmail(email));
    expect((await session.attemptFirstFactorVerification({ strategy: 'email_code', code })).status).toBe('complete');
  });

  it('with TOTP: multi_factor asks the password, then an authenticator code; a wrong code is refused', async () => {
    const email = uniqueEmail('step-up-2fa');
    const setup = await newGatehouse(server);
    instances.push(setup);
    await sdkSignUp(server, setup, email, PASSWORD);
    const { secret } = await setup.user!.createTOTP();
    await setup.user!.verifyTOTP({ code: totpCode(secret!) });
    server.clock.advance(30_000);

    const g = await newGatehouse(server);
    instances.push(g);
    const si = await g.signIn.create({ identifier: email, password: PASSWORD });
    expect(si.status).toBe('needs_second_factor');
    const signedIn = await si.attemptSecondFactor({ strategy: 'totp', code: totpCode(secret!) });
    await g.setActive({ session: signedIn.createdSessionId });
    server.clock.advance(11 * 60_000);

    const session = g.session!;
    expect((await session.startVerification({ level: 'multi_factor' })).status).toBe('needs_first_factor');
    const first = await session.attemptFirstFactorVerification({ strategy: 'password', password: PASSWORD });
    expect(first.status).toBe('needs_second_factor');
    expect(first.supportedSecondFactors.map((f) => f.strategy)).toEqual(['totp', 'backup_code']);

    const wrong = await session.attemptSecondFactorVerification({ strategy: 'totp', code: '000000' }).catch((e) => e);
    expect((wrong as GatehouseAPIError).errors[0]).toMatchObject({ code: 'form_code_incorrect' });
    const noPhone = await session.prepareSecondFactorVerification({ strategy: 'phone_code' }).catch((e) => e);
    expect((noPhone as GatehouseAPIError).errors[0]).toMatchObject({ code: 'strategy_for_user_invalid' });

    const done = await session.attemptSecondFactorVerification({ strategy: 'totp', code: totpCode(secret!) });
    expect(done.status).toBe('complete');
    expect(done.secondFactorVerification?.status).toBe('verified');
    expect(fva(await session.getToken())).toEqual([0, 0]);
    expect((await g.user!.createEmailAddress({ email: uniqueEmail('extra') })).emailAddress).toMatch(/^extra\./);
  });

  it('maps latest_activity onto session.latestActivity', async () => {
    const { g } = await agedSignedIn();
    const [listed] = await g.user!.getSessions();
    expect(listed?.latestActivity).toMatchObject({
      ipAddress: expect.any(String),
      isMobile: false,
      signInMethod: 'email_code',
    });
    expect(listed?.latestActivity).toHaveProperty('browserName');
    expect(listed?.latestActivity).toHaveProperty('country');
  });
});
