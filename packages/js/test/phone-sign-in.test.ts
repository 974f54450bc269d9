/**
 * Signing in with a phone number through the SDK (`phone_code` first factor): the environment
 * says phone sign-in is on, `signIn.create` takes the number, `supportedFirstFactors` names it
 * masked with its id, `prepareFirstFactor` texts the code (read from the dev SMS outbox) and
 * `attemptFirstFactor` completes the sign-in, whose session then mints tokens.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../server/test/fixtures/flows.ts';
import { startServer, type TestServer } from '../../server/test/fixtures/server.ts';
import { type Gatehouse, GatehouseAPIError } from '../src/index.ts';
import { newGatehouse } from './helpers.ts';

let server: TestServer;
const instances: Gatehouse[] = [];

beforeAll(async () => {
  server = await startServer({
    settings: {
      auth: { phone_number: { sign_in_with_code: true } },
      sms: { allowed_countries: ['US'], resend_after_seconds: 0 },
      attack_protection: { rate_limits: { enabled: false } },
    },
  });
});
afterAll(async () => {
  for (const g of instances) g.destroy();
  await server.close();
});

let counter = 0;
const uniqueNumber = () =>
  `+1201${String(300 + ((process.pid + ++counter) % 600)).padStart(3, '0')}${String(1000 + counter).slice(-4)}`;

async function userWithPhone(number: string) {
  const { userId } = await createUser(server);
  const r = await server.backend.post('/v1/phone_numbers', { user_id: userId, phone_number: number, verified: true });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return { userId, phoneNumberId: r.body.id as string };
}

async function smsCode(to: string): Promise<string> {
  const r = await server.backend.get(`/v1/dev/sms?to=${encodeURIComponent(to)}&limit=1`);
  return /#(\d{6})$/.exec(r.body[0].body)![1]!;
}

// Generous: the server loads the phone-number metadata on first use, slow on a busy machine.
it('signs in with a phone number and a texted code', { timeout: 120_000 }, async () => {
  const number = uniqueNumber();
  const { userId, phoneNumberId } = await userWithPhone(number);
  const g = await newGatehouse(server);
  instances.push(g);
  expect(g.environment?.userSettings.attributes.phone_number).toMatchObject({
    usedForFirstFactor: true,
    firstFactors: ['phone_code'],
  });

  const si = await g.signIn.create({ identifier: number });
  expect(si.status).toBe('needs_first_factor');
  const factor = si.supportedFirstFactors.find((f) => f.strategy === 'phone_code');
  expect(factor).toEqual({
    strategy: 'phone_code',
    safeIdentifier: `${number.slice(0, 5)}***${number.slice(-4)}`,
    phoneNumberId,
    primary: true,
  });

  const prepared = await si.prepareFirstFactor({ strategy: 'phone_code', phoneNumberId: factor!.phoneNumberId });
  expect(prepared.firstFactorVerification?.strategy).toBe('phone_code');
  const wrong = await prepared.attemptFirstFactor({ strategy: 'phone_code', code: '000000' }).catch((e: unknown) => e);
  const code = await smsCode(number);
  if (code !== '000000') {
    expect(wrong).toBeInstanceOf(GatehouseAPIError);
    expect((wrong as GatehouseAPIError).errors[0]?.code).toBe('form_code_incorrect');
  }
  const done = await prepared.attemptFirstFactor({ strategy: 'phone_code', code });
  expect(done.status).toBe('complete');
  await g.setActive({ session: done.createdSessionId });
  expect(g.user?.id).toBe(userId);
  expect(await g.session!.getToken({ skipCache: true })).toMatch(/^ey/);
});
