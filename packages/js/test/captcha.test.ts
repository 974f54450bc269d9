/**
 * Bot protection through the SDK: where the instance asks for an ALTCHA proof of work,
 * `signUp.create` solves it and retries without the app doing anything; where it is off, no
 * challenge is fetched at all.
 */
import type { SettingsPatch } from '@gatehouse/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, uniqueEmail } from '../../server/test/fixtures/flows.ts';
import { startServer, type TestServer } from '../../server/test/fixtures/server.ts';
import { type Gatehouse, GatehouseAPIError } from '../src/index.ts';
import { newGatehouse, sdkSignUp } from './helpers.ts';

const ALTCHA: SettingsPatch = {
  attack_protection: { bot_protection: { mode: 'invisible', provider: 'altcha', altcha_cost: 10 } },
};

let protectedServer: TestServer;
let openServer: TestServer;
const instances: Gatehouse[] = [];
beforeAll(async () => {
  [protectedServer, openServer] = await Promise.all([startServer({ settings: ALTCHA }), startServer()]);
});
afterAll(async () => {
  for (const g of instances) g.destroy();
  await Promise.all([protectedServer?.close(), openServer?.close()]);
});

async function sdk(server: TestServer, fetched: string[]) {
  const g = await newGatehouse(server, {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      fetched.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
      return fetch(input, init);
    },
  });
  instances.push(g);
  return g;
}

describe('signUp.create under ALTCHA', () => {
  it('solves the challenge invisibly and completes the sign-up', async () => {
    const fetched: string[] = [];
    const gatehouse = await sdk(protectedServer, fetched);
    const done = await sdkSignUp(protectedServer, gatehouse, uniqueEmail('sdk'), PASSWORD);
    expect(done.status).toBe('complete');
    expect(fetched).toContain('GET /v1/client/sign_ups/challenge');
    expect(gatehouse.user?.id).toBe(done.createdUserId);
  });

  it('does not retry an error other than a missing token', async () => {
    const gatehouse = await sdk(protectedServer, []);
    const e = await gatehouse.signUp
      .create({ emailAddress: 'x@example.com', password: PASSWORD, captchaToken: 'forged' })
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(e).toBeInstanceOf(GatehouseAPIError);
    expect((e as GatehouseAPIError).errors[0]).toMatchObject({
      code: 'captcha_invalid',
      meta: { reason: 'malformed' },
    });
  });
});

describe('signUp.create with bot protection off', () => {
  it('fetches no challenge', async () => {
    const fetched: string[] = [];
    const gatehouse = await sdk(openServer, fetched);
    await sdkSignUp(openServer, gatehouse, uniqueEmail('plain'), PASSWORD);
    expect(fetched.some((f) => f.includes('/challenge'))).toBe(false);
  });
});
