/**
 * The Twilio-compatible SMS provider of production instances, against a local server that
 * speaks Twilio's Messages API: Basic auth with the account SID and token, the form fields
 * `To`, `From` or `MessagingServiceSid`, and `Body`; Twilio's JSON errors and unreachable
 * providers become `sms_delivery_failed` (503) with neither number nor code in the logs.
 * A production instance without a provider cannot text, and says so.
 */
import { GatehouseError } from '@gatehouse/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwilioTransport } from '../../src/adapters/sms/twilio-transport.ts';
import { expectError } from '../backend-api/expect-error.ts';
import { createUser, signIn } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { addPhone, attemptPhone, PHONES, preparePhone, uniqueUsNumber } from './helpers.ts';
import { startTwilioFake, type TwilioFake } from './twilio-fake.ts';

const SID = `AC${'1'.repeat(32)}`;
const TOKEN = 'twilio-auth-token-for-tests';
const SENDER = '+12015550900';
const APP_ORIGIN = 'http://localhost:5173';

let twilio: TwilioFake;
beforeAll(async () => {
  twilio = await startTwilioFake(SID, TOKEN);
});
afterAll(() => twilio.close());

describe('the Twilio transport', () => {
  const message = { to: '+12015552345', body: 'Hello', instanceId: 'ins_1', template: 'verification_code' };

  it('posts the form with Basic auth to the account’s Messages resource', async () => {
    const transport = createTwilioTransport({
      accountSid: SID,
      authToken: TOKEN,
      from: SENDER,
      apiBaseUrl: `${twilio.url}/`,
    });
    const { id } = await transport.send(message);
    expect(id).toMatch(/^SM/);
    const got = twilio.received.at(-1)!;
    expect(got.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(got.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`);
    expect(got.contentType).toBe('application/x-www-form-urlencoded');
    expect(got.form).toEqual({ To: '+12015552345', From: SENDER, Body: 'Hello' });
  });

  it('sends a Messaging Service SID as MessagingServiceSid instead of From', async () => {
    const service = `MG${'a'.repeat(32)}`;
    const transport = createTwilioTransport({
      accountSid: SID,
      authToken: TOKEN,
      from: service,
      apiBaseUrl: twilio.url,
    });
    await transport.send(message);
    expect(twilio.received.at(-1)!.form).toEqual({ To: '+12015552345', MessagingServiceSid: service, Body: 'Hello' });
  });

  it('turns a Twilio error into sms_delivery_failed, its cause naming the code without the number', async () => {
    twilio.failWith({ status: 400, code: 21211, message: "The 'To' number +12015552345 is not a valid phone number." });
    try {
      const transport = createTwilioTransport({
        accountSid: SID,
        authToken: TOKEN,
        from: SENDER,
        apiBaseUrl: twilio.url,
      });
      const err = await transport.send(message).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GatehouseError);
      expect((err as GatehouseError).code).toBe('sms_delivery_failed');
      const cause = String(((err as GatehouseError).cause as Error).message);
      expect(cause).toContain('HTTP 400, code 21211');
      expect(cause).not.toContain('2015552345');
    } finally {
      twilio.failWith(null);
    }
  });

  it('turns wrong credentials and an unreachable provider into sms_delivery_failed', async () => {
    const wrong = createTwilioTransport({ accountSid: SID, authToken: 'wrong', from: SENDER, apiBaseUrl: twilio.url });
    const refused = await wrong.send(message).catch((e: unknown) => e);
    expect((refused as GatehouseError).code).toBe('sms_delivery_failed');
    expect(String(((refused as GatehouseError).cause as Error).message)).toContain('HTTP 401, code 20003');

    const gone = createTwilioTransport({
      accountSid: SID,
      authToken: TOKEN,
      from: SENDER,
      apiBaseUrl: 'http://127.0.0.1:1',
    });
    expect(((await gone.send(message).catch((e: unknown) => e)) as GatehouseError).code).toBe('sms_delivery_failed');
  });
});

describe('a production instance with the provider', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      environment: 'production',
      smtp: true,
      twilio: { accountSid: SID, authToken: TOKEN, from: SENDER, apiBaseUrl: twilio.url },
      settings: {
        application_name: 'Acme',
        allowed_origins: [APP_ORIGIN],
        sms: { allowed_countries: ['US'], resend_after_seconds: 0 },
      },
    });
  });
  afterAll(() => server.close());

  async function signedInBrowser() {
    const { email } = await createUser(server);
    const browser = server.browser({ origin: APP_ORIGIN });
    await signIn(browser, email);
    return browser;
  }

  it('texts the code through the provider and verifies the number with it', async () => {
    const browser = await signedInBrowser();
    const number = uniqueUsNumber();
    const id = await addPhone(browser, number);
    expect((await preparePhone(browser, id)).status).toBe(200);

    const sms = twilio.received.at(-1)!;
    expect(sms.form.To).toBe(number);
    expect(sms.form.From).toBe(SENDER);
    const code = /^@localhost #(\d{6})$/m.exec(sms.form.Body!)?.[1];
    expect(code, sms.form.Body).toBeDefined();
    expect(sms.form.Body).toContain(`${code} is your Acme verification code`);

    const r = await attemptPhone(browser, id, code!);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.response.verification.status).toBe('verified');
  });

  it('answers 503 sms_delivery_failed when the provider refuses, and logs neither number nor code', async () => {
    const browser = await signedInBrowser();
    const number = uniqueUsNumber();
    const id = await addPhone(browser, number);
    twilio.failWith({ status: 400, code: 21610, message: `Attempt to send to unsubscribed recipient ${number}` });
    try {
      expectError(await preparePhone(browser, id), 'sms_delivery_failed');
    } finally {
      twilio.failWith(null);
    }
    const body = twilio.received.at(-1)!.form.Body!;
    const code = /#(\d{6})$/.exec(body)![1]!;
    const logs = server.logs.join('\n');
    expect(logs).toContain('text message delivery failed');
    expect(logs).toContain('code 21610');
    expect(logs).not.toContain(number.slice(2));
    expect(logs).not.toContain(code);
  });

  it('keeps no dev outbox', async () => {
    expectError(await server.backend.get('/v1/dev/sms'), 'dev_instance_only');
  });
});

describe('a production instance without a provider', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      environment: 'production',
      smtp: true,
      settings: { allowed_origins: [APP_ORIGIN], sms: { allowed_countries: ['US'] } },
    });
  });
  afterAll(() => server.close());

  it('refuses to send with sms_delivery_failed, even for a fictional test number', async () => {
    const { email } = await createUser(server);
    const browser = server.browser({ origin: APP_ORIGIN });
    await signIn(browser, email);
    const id = await addPhone(browser, uniqueUsNumber());
    const r = await preparePhone(browser, id);
    expectError(r, 'sms_delivery_failed');
    expect(r.body.errors[0].long_message).toMatch(/cannot send text messages/);

    // Production instances have no test numbers: a 555-0100..0199 number is texted like any other.
    const fictional = await addPhone(browser, '+12015550150');
    expectError(await preparePhone(browser, fictional), 'sms_delivery_failed');
    expect((await browser.get(PHONES)).body).toHaveLength(2);
  });
});
