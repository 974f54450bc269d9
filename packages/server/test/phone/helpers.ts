/** Steps of the phone-number pages over HTTP, for the tests in this folder. */
import { expect } from 'vitest';
import { signUp, uniqueEmail } from '../fixtures/flows.ts';
import type { Browser, HttpResult } from '../fixtures/http-client.ts';
import type { TestServer } from '../fixtures/server.ts';

export const PHONES = '/v1/me/phone_numbers';
export const phonePath = (id: string, action?: 'prepare_verification' | 'attempt_verification') =>
  action ? `${PHONES}/${id}/${action}` : `${PHONES}/${id}`;

let counter = 0;
/**
 * A fresh, valid US number outside the fictional 555-0100..0199 range (so it is texted), in
 * E.164. Distinct per call and per test file (the process id picks the area code's block).
 */
export function uniqueUsNumber(): string {
  const n = (process.pid * 37 + ++counter) % 9000;
  return `+1201${String(200 + Math.floor(n / 1000)).padStart(3, '0')}${String(n % 1000).padStart(4, '0')}`;
}

/** A fictional test number: +1 201 555-0100..0199. */
export const testNumber = (n: number) => `+1201555${String(100 + (n % 100)).padStart(4, '0')}`;

/** A new user signed in on a new browser. */
export async function signedIn(server: TestServer): Promise<{ browser: Browser; userId: string; email: string }> {
  const browser = server.browser();
  const { userId, email } = await signUp(server, browser, uniqueEmail('phone'));
  return { browser, userId, email };
}

/** POST /v1/me/phone_numbers; the new number's id. */
export async function addPhone(browser: Browser, phoneNumber: string): Promise<string> {
  const r = await browser.post(PHONES, { phone_number: phoneNumber });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.response.id as string;
}

export const preparePhone = (browser: Browser, id: string): Promise<HttpResult> =>
  browser.post(phonePath(id, 'prepare_verification'), { strategy: 'phone_code' });

export const attemptPhone = (browser: Browser, id: string, code: string): Promise<HttpResult> =>
  browser.post(phonePath(id, 'attempt_verification'), { code });

/** The text messages a development instance kept for `to`, newest first. */
export async function devSms(server: TestServer, to: string): Promise<{ body: string; template: string }[]> {
  const r = await server.backend.get(`/v1/dev/sms?to=${encodeURIComponent(to)}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** The code of the newest text message to `to`, read from its WebOTP line `@host #code`. */
export async function lastSmsCode(server: TestServer, to: string): Promise<string> {
  const [sms] = await devSms(server, to);
  if (!sms) throw new Error(`no text message to ${to}`);
  const m = /^@\S+ #(\d{6})$/m.exec(sms.body);
  if (!m) throw new Error(`no WebOTP line in: ${sms.body}`);
  return m[1]!;
}

/** Adds a number and verifies it with the texted code; the number's id. */
export async function addVerifiedPhone(server: TestServer, browser: Browser, phoneNumber: string): Promise<string> {
  const id = await addPhone(browser, phoneNumber);
  const prepared = await preparePhone(browser, id);
  expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
  const r = await attemptPhone(browser, id, await lastSmsCode(server, phoneNumber));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.response.verification.status).toBe('verified');
  return id;
}

export const wrongCodeFor = (code: string) => (code === '000000' ? '000001' : '000000');
