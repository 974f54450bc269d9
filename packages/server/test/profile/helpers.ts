/** Steps of the profile page over HTTP, for the tests in this folder. */
import { expect } from 'vitest';
import type { Browser, HttpResult } from '../fixtures/http-client.ts';
import { codeIn, type TestServer } from '../fixtures/server.ts';

export const EMAILS = '/v1/me/email_addresses';
export const emailPath = (id: string, action?: 'prepare_verification' | 'attempt_verification') =>
  action ? `${EMAILS}/${id}/${action}` : `${EMAILS}/${id}`;

/** POST /v1/me/email_addresses; the new address's id. */
export async function addEmail(browser: Browser, email: string): Promise<string> {
  const r = await browser.post(EMAILS, { email_address: email });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.response.id as string;
}

/** Asks for a code for the address and reads it from the dev mailbox. */
export async function prepareEmail(server: TestServer, browser: Browser, id: string, email: string): Promise<string> {
  const r = await browser.post(emailPath(id, 'prepare_verification'), { strategy: 'email_code' });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return codeIn(await server.lastDevEmail(email));
}

export const attemptEmail = (browser: Browser, id: string, code: string): Promise<HttpResult> =>
  browser.post(emailPath(id, 'attempt_verification'), { code });

/** Adds an address and verifies it with its code; the address's id. */
export async function addVerifiedEmail(server: TestServer, browser: Browser, email: string): Promise<string> {
  const id = await addEmail(browser, email);
  const code = await prepareEmail(server, browser, id, email);
  const r = await attemptEmail(browser, id, code);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.response.verification.status).toBe('verified');
  return id;
}

export const wrongCodeFor = (code: string) => (code === '000000' ? '000001' : '000000');
