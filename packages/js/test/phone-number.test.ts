/**
 * Phone numbers through the SDK, as EmailAddress: `user.createPhoneNumber`, then the
 * `PhoneNumber` resource texts a code, checks it, sets its second-factor flags and removes
 * itself; the user's `phoneNumbers` and `primaryPhoneNumber` follow.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PASSWORD, uniqueEmail } from '../../server/test/fixtures/flows.ts';
import { startServer, type TestServer } from '../../server/test/fixtures/server.ts';
import { type Gatehouse, GatehouseAPIError, PhoneNumber } from '../src/index.ts';
import { newGatehouse, sdkSignUp } from './helpers.ts';

let server: TestServer;
const instances: Gatehouse[] = [];

beforeAll(async () => {
  server = await startServer({ settings: { sms: { allowed_countries: ['US'], resend_after_seconds: 0 } } });
});
afterAll(async () => {
  for (const g of instances) g.destroy();
  await server.close();
});

async function signedUp() {
  const g = await newGatehouse(server);
  instances.push(g);
  await sdkSignUp(server, g, uniqueEmail('sdk-phone'), PASSWORD);
  return g;
}

/** The code of the newest text message to `to` in the dev outbox. */
async function smsCode(to: string): Promise<string> {
  const r = await server.backend.get(`/v1/dev/sms?to=${encodeURIComponent(to)}&limit=1`);
  return /#(\d{6})$/.exec(r.body[0].body)![1]!;
}

it('adds, verifies, flags and removes a phone number', async () => {
  const g = await signedUp();
  const user = g.user!;
  const added = await user.createPhoneNumber({ phoneNumber: '+1 (201) 234-5678' });
  expect(added).toBeInstanceOf(PhoneNumber);
  expect(added.phoneNumber).toBe('+12012345678');
  expect(added.isVerified).toBe(false);

  const prepared = await added.prepareVerification();
  expect(prepared.verification?.strategy).toBe('phone_code');
  const verified = await prepared.attemptVerification({ code: await smsCode('+12012345678') });
  expect(verified.isVerified).toBe(true);

  const flagged = await (await verified.setReservedForSecondFactor({ reserved: true })).makeDefaultSecondFactor();
  expect(flagged).toMatchObject({ reservedForSecondFactor: true, defaultSecondFactor: true });

  const reloaded = await user.reload();
  expect(reloaded.phoneNumbers.map((p) => p.phoneNumber)).toEqual(['+12012345678']);
  expect(reloaded.primaryPhoneNumber?.id).toBe(added.id);
  expect((await reloaded.getPhoneNumbers()).map(String)).toEqual(['+12012345678']);

  expect(await flagged.destroy()).toEqual({ object: 'phone_number', id: added.id, deleted: true });
  expect((await user.reload()).phoneNumbers).toEqual([]);
});

it('refuses an invalid number on the phone_number field', async () => {
  const g = await signedUp();
  const e = await g.user!.createPhoneNumber({ phoneNumber: '12345' }).catch((err: unknown) => err);
  expect(e).toBeInstanceOf(GatehouseAPIError);
  expect((e as GatehouseAPIError).errors[0]).toMatchObject({
    code: 'form_param_format_invalid',
    meta: { paramName: 'phone_number' },
  });
});
